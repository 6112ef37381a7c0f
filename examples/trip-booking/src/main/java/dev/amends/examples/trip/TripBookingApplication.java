package dev.amends.examples.trip;

import dev.amends.examples.trip.client.TripClient;
import dev.amends.saga.SagaSettings;
import io.temporal.client.WorkflowClient;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
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
}
