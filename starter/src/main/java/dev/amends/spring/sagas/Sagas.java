package dev.amends.spring.sagas;

import io.temporal.api.common.v1.Payloads;
import io.temporal.api.common.v1.WorkflowExecution;
import io.temporal.api.enums.v1.WorkflowIdConflictPolicy;
import io.temporal.api.history.v1.HistoryEvent;
import io.temporal.api.workflowservice.v1.GetWorkflowExecutionHistoryRequest;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowExecutionAlreadyStarted;
import io.temporal.client.WorkflowExecutionDescription;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowStub;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * Starts sagas exactly once per business id, from any service: a repeated start with the same input
 * returns the saga already started; the same id with a different input is refused with {@link
 * SagaInputConflict}, and nothing is started.
 *
 * <p>A start asks Temporal to use the running saga under the id if there is one ({@code
 * USE_EXISTING}), and records a digest of the input's canonical JSON in the saga's memo. Whatever
 * run answers is then compared with the input: through the memo, or, for a run another client
 * started without it, through the input in the run's first history event. A closed saga's id is not
 * reused unless the flow's {@link SagaFlow.Builder#reusePolicy} allows it; a start against it is
 * compared with it the same way.
 *
 * <p>In a Spring application this is a bean; elsewhere, {@link #using(WorkflowClient)}.
 */
public class Sagas {
  /** Memo key of the digest of the input's identifying part (see {@link SagaFlow}). */
  public static final String INPUT_DIGEST_MEMO = "amends.inputDigest";

  /** Memo key telling one start call from another, so a call knows whether it started the run. */
  public static final String START_TOKEN_MEMO = "amends.startToken";

  private final WorkflowClient client;

  public Sagas(WorkflowClient client) {
    this.client = Objects.requireNonNull(client, "client");
  }

  public static Sagas using(WorkflowClient client) {
    return new Sagas(client);
  }

  /**
   * Starts the flow's saga for this business id, or returns the one already started with the same
   * input.
   *
   * @throws SagaInputConflict the id carries a saga started with a different input
   */
  public <I> SagaHandle start(SagaFlow<I> flow, String businessId, I input) {
    Objects.requireNonNull(input, "input");
    String workflowId = flow.workflowId(businessId);
    String digest = InputDigest.of(flow.identity(input));
    String token = UUID.randomUUID().toString();
    WorkflowStub stub =
        client.newUntypedWorkflowStub(
            flow.workflowType(),
            WorkflowOptions.newBuilder()
                .setWorkflowId(workflowId)
                .setTaskQueue(flow.taskQueue())
                .setWorkflowIdConflictPolicy(
                    WorkflowIdConflictPolicy.WORKFLOW_ID_CONFLICT_POLICY_USE_EXISTING)
                .setWorkflowIdReusePolicy(flow.reusePolicy())
                .setMemo(Map.of(INPUT_DIGEST_MEMO, digest, START_TOKEN_MEMO, token))
                .build());
    WorkflowExecution execution;
    try {
      execution = stub.start(input);
    } catch (WorkflowExecutionAlreadyStarted closed) {
      // A closed run the reuse policy keeps: compare with it as with a running one.
      execution = closed.getExecution();
    }
    Optional<String> runId =
        execution.getRunId().isEmpty() ? Optional.empty() : Optional.of(execution.getRunId());
    WorkflowExecutionDescription run =
        client.newUntypedWorkflowStub(workflowId, runId, Optional.empty()).describe();
    String startedRunId = run.getExecution().getRunId();
    if (!flow.workflowType().equals(run.getWorkflowType())) {
      throw new SagaInputConflict(workflowId);
    }
    String recorded = memo(run, INPUT_DIGEST_MEMO);
    if (recorded == null) {
      recorded = digestOfFirstInput(flow, run.getExecution());
    }
    if (!digest.equals(recorded)) {
      throw new SagaInputConflict(workflowId);
    }
    return new SagaHandle(workflowId, startedRunId, token.equals(memo(run, START_TOKEN_MEMO)));
  }

  private static String memo(WorkflowExecutionDescription run, String key) {
    Object value = run.getMemo(key, String.class);
    return value instanceof String text ? text : null;
  }

  /** The digest of the input a run was started with, read from the first event of its history. */
  private <I> String digestOfFirstInput(SagaFlow<I> flow, WorkflowExecution execution) {
    HistoryEvent first =
        client
            .getWorkflowServiceStubs()
            .blockingStub()
            .getWorkflowExecutionHistory(
                GetWorkflowExecutionHistoryRequest.newBuilder()
                    .setNamespace(client.getOptions().getNamespace())
                    .setExecution(execution)
                    .setMaximumPageSize(1)
                    .build())
            .getHistory()
            .getEvents(0);
    Payloads payloads = first.getWorkflowExecutionStartedEventAttributes().getInput();
    if (payloads.getPayloadsCount() != 1) {
      return null;
    }
    try {
      I earlier =
          client
              .getOptions()
              .getDataConverter()
              .fromPayloads(0, Optional.of(payloads), flow.inputType(), flow.inputType());
      return InputDigest.of(flow.identity(earlier));
    } catch (RuntimeException unreadable) {
      // Not this flow's input at all: a different request, whatever it was.
      return null;
    }
  }
}
