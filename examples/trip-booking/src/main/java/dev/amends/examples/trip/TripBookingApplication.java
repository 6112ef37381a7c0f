package dev.amends.examples.trip;

import dev.amends.examples.trip.client.TripClient;
import dev.amends.saga.AmendsSaga;
import dev.amends.saga.SagaSettings;
import io.temporal.api.enums.v1.IndexedValueType;
import io.temporal.client.WorkflowClient;
import io.temporal.spring.boot.TemporalOptionsCustomizer;
import io.temporal.testing.TestEnvironmentOptions;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;

/** Temporal's booking saga on amends: one service, the starter, and three sandboxes. */
@SpringBootApplication
public class TripBookingApplication {

  public static void main(String[] args) {
    SpringApplication.run(TripBookingApplication.class, args);
  }

  @Bean
  TripClient tripClient(WorkflowClient client, SagaSettings settings) {
    return new TripClient(client, settings);
  }

  /**
   * The embedded default's in-process Temporal server: wall-clock time (so re-alert timers do not
   * fire at once), and amends' search attribute registered as on a real server.
   */
  @Bean
  @ConditionalOnProperty(
      prefix = "spring.temporal.test-server",
      name = "enabled",
      havingValue = "true")
  TemporalOptionsCustomizer<TestEnvironmentOptions.Builder> embeddedTemporalServer() {
    return builder ->
        builder
            .setUseTimeskipping(false)
            .registerSearchAttribute(
                AmendsSaga.SAGA_STATUS.getName(), IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD);
  }
}
