package dev.amends.examples.trip.flow;

import dev.amends.saga.SagaWorkflow;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;

/** Books a trip, or undoes every part of it. Its workflow id is derived from the trip id. */
@WorkflowInterface
public interface TripWorkflow extends SagaWorkflow {
  /** The task queue the example's worker serves; clients start trips on it. */
  String TASK_QUEUE = "trips";

  static String workflowId(String tripId) {
    return "trip-" + tripId;
  }

  @WorkflowMethod
  TripResult book(TripInput input);
}
