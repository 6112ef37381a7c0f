package dev.amends.examples.trip.replay;

import static dev.amends.examples.trip.flow.TripWorkflowImpl.CAR;
import static dev.amends.examples.trip.flow.TripWorkflowImpl.DEPOSIT;
import static dev.amends.examples.trip.flow.TripWorkflowImpl.HOTEL;

import dev.amends.examples.trip.flow.InMemoryTripActivities;
import dev.amends.examples.trip.flow.TripFixtures;
import dev.amends.examples.trip.flow.TripResult;
import dev.amends.examples.trip.flow.TripWorkflow;
import dev.amends.examples.trip.flow.TripWorkflowImpl;
import dev.amends.saga.SignalPayloads;
import dev.amends.testkit.InMemoryEscalations;
import io.temporal.api.enums.v1.IndexedValueType;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowStub;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.testing.TestWorkflowExtension;
import io.temporal.worker.Worker;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Records the histories {@link TripWorkflowReplayTest} replays, from runs on the in-process test
 * server. Runs only when asked: {@code RECORD_HISTORIES=true ./mvnw -o verify -pl
 * examples/trip-booking -Dtest=RecordTripHistories}; commit what it writes as a new version folder
 * when the flow's commands change on purpose.
 */
@EnabledIfEnvironmentVariable(named = "RECORD_HISTORIES", matches = "true")
class RecordTripHistories {
  static final Path FOLDER = Path.of("src/test/resources/histories/trip-v1");

  @RegisterExtension
  static final TestWorkflowExtension testWorkflow =
      TestWorkflowExtension.newBuilder()
          .registerWorkflowImplementationTypes(TripWorkflowImpl.class)
          .registerSearchAttribute("SagaStatus", IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD)
          .setDoNotStart(true)
          .build();

  @Test
  void recordEveryPath(TestWorkflowEnvironment env, Worker worker) throws Exception {
    final InMemoryTripActivities activities = new InMemoryTripActivities();
    worker.registerActivitiesImplementations(activities, new InMemoryEscalations());
    env.start();
    WorkflowClient client = env.getWorkflowClient();
    String queue = worker.getTaskQueue();
    Files.createDirectories(FOLDER);

    record(client, queue, "trip-completed", null);
    activities.failStep(CAR);
    record(client, queue, "trip-car-refused", null);
    activities.reset();
    activities.failAfterEffect(DEPOSIT);
    record(client, queue, "trip-deposit-lost-ack-refunded", null);
    activities.reset();
    activities.failStep(CAR).failUndo("cancelHotel");
    record(
        client,
        queue,
        "trip-hotel-cancel-blocked-resolved",
        trip -> decide(client, trip, HOTEL + "-1", "RESOLVED_MANUALLY"));
    activities.reset();
    activities.failAfterEffect(DEPOSIT).failUndo("refundDeposit");
    record(
        client,
        queue,
        "trip-refund-blocked-retried",
        trip -> {
          activities.heal("refundDeposit");
          decide(client, trip, DEPOSIT + "-1", "RETRY");
        });
  }

  private static void record(
      WorkflowClient client, String queue, String name, Consumer<String> operator)
      throws Exception {
    String tripId = name;
    TripWorkflow trip = TripFixtures.newTrip(client, queue, tripId);
    WorkflowClient.start(trip::book, TripFixtures.input(tripId));
    if (operator != null) {
      awaitEscalation(client, tripId);
      operator.accept(tripId);
    }
    WorkflowStub.fromTyped(trip).getResult(TripResult.class);
    Files.writeString(
        FOLDER.resolve(name + ".json"),
        client.fetchHistory(TripWorkflow.workflowId(tripId)).toJson(true));
  }

  private static void decide(WorkflowClient client, String tripId, String id, String action) {
    client
        .newWorkflowStub(TripWorkflow.class, TripWorkflow.workflowId(tripId))
        .resolveEscalation(
            SignalPayloads.of(
                Map.of("escalationId", id, "action", action, "operator", "ana", "note", "rec")));
  }

  private static void awaitEscalation(WorkflowClient client, String tripId) throws Exception {
    TripWorkflow trip = client.newWorkflowStub(TripWorkflow.class, TripWorkflow.workflowId(tripId));
    for (int i = 0; i < 300; i++) {
      if (!trip.sagaState().openEscalations().isEmpty()) {
        return;
      }
      Thread.sleep(50);
    }
    throw new AssertionError("no escalation in " + tripId);
  }
}
