package dev.amends.app.reconcile;

import dev.amends.app.TaskQueues;
import dev.amends.saga.SagaSettings;
import io.temporal.api.enums.v1.WorkflowIdReusePolicy;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowExecutionAlreadyStarted;
import io.temporal.client.WorkflowOptions;
import org.springframework.stereotype.Component;

/** Opens a drift's escalation workflow, once per drift while it is open. */
@Component
public class DriftEscalations {
  private final WorkflowClient client;
  private final SagaSettings settings;

  public DriftEscalations(WorkflowClient client, SagaSettings settings) {
    this.client = client;
    this.settings = settings;
  }

  /** Returns whether this call opened it (false: an escalation of this drift is open already). */
  public boolean open(Drift drift, String foundByRunId) {
    String workflowId = DriftEscalationWorkflow.workflowId(drift);
    DriftEscalationWorkflow escalation =
        client.newWorkflowStub(
            DriftEscalationWorkflow.class,
            WorkflowOptions.newBuilder()
                .setTaskQueue(TaskQueues.AMENDS)
                .setWorkflowId(workflowId)
                // A drift settled before and found again is a new case: a new escalation.
                .setWorkflowIdReusePolicy(
                    WorkflowIdReusePolicy.WORKFLOW_ID_REUSE_POLICY_ALLOW_DUPLICATE)
                .build());
    try {
      WorkflowClient.start(
          escalation::settle, new DriftEscalationInput(drift, settings, foundByRunId));
      return true;
    } catch (WorkflowExecutionAlreadyStarted alreadyOpen) {
      return false;
    }
  }
}
