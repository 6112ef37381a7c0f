package dev.amends.examples.trip;

import static org.assertj.core.api.Assertions.assertThat;

import dev.amends.examples.trip.client.TripClient;
import dev.amends.examples.trip.flow.Trip;
import dev.amends.examples.trip.flow.TripResult;
import dev.amends.examples.trip.sandbox.SandboxSuppliers;
import dev.amends.saga.SagaStatus;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowClientOptions;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.resttestclient.autoconfigure.AutoConfigureTestRestTemplate;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ActiveProfiles;

/**
 * Another service books a trip: it holds only a connection to the same Temporal server and the
 * plain {@link TripClient} — no REST call, no Spring bean of the example — and the example's worker
 * runs the saga. On a real server the other JVM would use {@code TripClient.connect(target,
 * namespace)}; here it opens its own client on the in-process server's connection.
 */
@AutoConfigureTestRestTemplate
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
class SecondServiceClientTest {
  @Autowired WorkflowClient exampleClient;
  @Autowired SandboxSuppliers suppliers;

  @Test
  void aPlainWorkflowClientStartsATripThatTheExamplesWorkerBooks() throws Exception {
    WorkflowClient ownClient =
        WorkflowClient.newInstance(
            exampleClient.getWorkflowServiceStubs(),
            WorkflowClientOptions.newBuilder()
                .setNamespace(exampleClient.getOptions().getNamespace())
                .setIdentity("billing-service@other-jvm")
                .build());
    TripClient trips = new TripClient(ownClient);
    Trip trip =
        new Trip(
            "jvm-1", "Bo Chen", "LH 400 FRA-JFK", "Pod Hotel", "Compact", "tok_visa", 9000, "USD");

    TripClient.Started started = trips.start(trip);
    TripResult result = trips.result("jvm-1", Duration.ofSeconds(30));

    assertThat(started.created()).isTrue();
    assertThat(started.workflowId()).isEqualTo("trip-jvm-1");
    assertThat(result.status()).isEqualTo(SagaStatus.COMPLETED);
    assertThat(result.depositChargeId()).startsWith("dep_");
    assertThat(trips.state("jvm-1").status()).isEqualTo(SagaStatus.COMPLETED);
    assertThat(suppliers.reservations("jvm-1")).hasSize(3).noneMatch(r -> r.cancelled());
    assertThat(trips.start(trip).created()).as("the same trip again starts nothing").isFalse();
  }
}
