package dev.amends.examples.trip.client;

import dev.amends.examples.trip.flow.Trip;
import dev.amends.examples.trip.flow.TripInput;
import dev.amends.examples.trip.flow.TripResult;
import dev.amends.examples.trip.flow.TripWorkflow;
import dev.amends.saga.SagaSettings;
import dev.amends.saga.SagaState;
import dev.amends.spring.sagas.SagaFlow;
import dev.amends.spring.sagas.SagaHandle;
import dev.amends.spring.sagas.SagaInputConflict;
import dev.amends.spring.sagas.Sagas;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowClientOptions;
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
  /**
   * One trip id, one saga: a second start with the same trip returns it, another trip is refused.
   */
  public static final SagaFlow<TripInput> FLOW =
      SagaFlow.of(TripWorkflow.class, TripInput.class)
          .taskQueue(TripWorkflow.TASK_QUEUE)
          .workflowIds(TripWorkflow::workflowId)
          .sameInputWhen(TripInput::trip)
          .build();

  private final WorkflowClient client;
  private final Sagas sagas;
  private final SagaSettings settings;

  public TripClient(WorkflowClient client) {
    this(client, SagaSettings.DEFAULTS);
  }

  public TripClient(WorkflowClient client, SagaSettings settings) {
    this.client = client;
    this.sagas = Sagas.using(client);
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

  /**
   * Starts the trip's saga once: the same trip again starts (and charges) nothing; the same trip id
   * with other bookings is refused with {@link SagaInputConflict}, whichever client started it.
   */
  public Started start(Trip trip) {
    SagaHandle saga = sagas.start(FLOW, trip.tripId(), new TripInput(trip, settings));
    return new Started(saga.created(), trip.tripId(), saga.workflowId());
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
