package dev.amends.examples.trip.flow;

import dev.amends.saga.SagaSettings;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import java.time.Duration;

/** Trips and saga settings for workflow tests. */
public final class TripFixtures {
  /** Undos give up after two attempts, so escalations open fast. */
  public static final SagaSettings FAST = new SagaSettings(Duration.ofMinutes(10), 2);

  private TripFixtures() {}

  public static Trip trip(String tripId) {
    return new Trip(
        tripId, "Ana Lima", "TP 1234 LIS-JFK", "Hotel Jay", "Compact", "tok_visa", 15000, "EUR");
  }

  public static TripInput input(String tripId) {
    return new TripInput(trip(tripId), FAST);
  }

  public static TripWorkflow newTrip(WorkflowClient client, String taskQueue, String tripId) {
    return client.newWorkflowStub(
        TripWorkflow.class,
        WorkflowOptions.newBuilder()
            .setTaskQueue(taskQueue)
            .setWorkflowId(TripWorkflow.workflowId(tripId))
            .build());
  }
}
