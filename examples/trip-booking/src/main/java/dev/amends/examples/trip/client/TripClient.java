package dev.amends.examples.trip.client;

import dev.amends.examples.trip.flow.Trip;
import dev.amends.examples.trip.flow.TripInput;
import dev.amends.examples.trip.flow.TripResult;
import dev.amends.examples.trip.flow.TripWorkflow;
import dev.amends.saga.SagaSettings;
import dev.amends.saga.SagaState;
import io.temporal.api.enums.v1.WorkflowIdReusePolicy;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowClientOptions;
import io.temporal.client.WorkflowExecutionAlreadyStarted;
import io.temporal.client.WorkflowOptions;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Starts and follows trips through a plain {@link WorkflowClient}: what another service, in another
 * JVM, needs to book a trip on the example's worker — the workflow interface and this class, no
 * Spring, no REST. The REST endpoint uses it too.
 */
public class TripClient {
  private final WorkflowClient client;
  private final SagaSettings settings;

  public TripClient(WorkflowClient client) {
    this(client, SagaSettings.DEFAULTS);
  }

  public TripClient(WorkflowClient client, SagaSettings settings) {
    this.client = client;
    this.settings = settings;
  }

  /** A client of the Temporal server at {@code target} (host:port), in {@code namespace}. */
  public static TripClient connect(String target, String namespace) {
    WorkflowServiceStubs service =
        WorkflowServiceStubs.newServiceStubs(
            WorkflowServiceStubsOptions.newBuilder().setTarget(target).build());
    return new TripClient(
        WorkflowClient.newInstance(
            service, WorkflowClientOptions.newBuilder().setNamespace(namespace).build()));
  }

  /** Whether this call started the trip's saga, and under which workflow id. */
  public record Started(boolean created, String tripId, String workflowId) {}

  /** Starts the trip's saga once: the same trip id again starts (and charges) nothing. */
  public Started start(Trip trip) {
    String workflowId = TripWorkflow.workflowId(trip.tripId());
    TripWorkflow saga =
        client.newWorkflowStub(
            TripWorkflow.class,
            WorkflowOptions.newBuilder()
                .setTaskQueue(TripWorkflow.TASK_QUEUE)
                .setWorkflowId(workflowId)
                .setWorkflowIdReusePolicy(
                    WorkflowIdReusePolicy.WORKFLOW_ID_REUSE_POLICY_REJECT_DUPLICATE)
                .build());
    try {
      WorkflowClient.start(saga::book, new TripInput(trip, settings));
      return new Started(true, trip.tripId(), workflowId);
    } catch (WorkflowExecutionAlreadyStarted alreadyStarted) {
      return new Started(false, trip.tripId(), workflowId);
    }
  }

  /** Waits for the trip's saga to end: booked, or compensated. */
  public TripResult result(String tripId, Duration timeout) throws TimeoutException {
    return client
        .newUntypedWorkflowStub(TripWorkflow.workflowId(tripId))
        .getResult(timeout.toMillis(), TimeUnit.MILLISECONDS, TripResult.class);
  }

  /** Where the trip's saga stands now, step by step. */
  public SagaState state(String tripId) {
    return client.newWorkflowStub(TripWorkflow.class, TripWorkflow.workflowId(tripId)).sagaState();
  }
}
