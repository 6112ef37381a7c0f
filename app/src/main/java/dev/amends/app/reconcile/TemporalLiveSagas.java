package dev.amends.app.reconcile;

import dev.amends.activities.temporal.WorkflowNotFound;
import io.temporal.api.enums.v1.WorkflowExecutionStatus;
import io.temporal.client.WorkflowClient;
import org.springframework.stereotype.Component;

/** Asks Temporal: a saga is a workflow execution, running or not (or never started). */
@Component
public class TemporalLiveSagas implements LiveSagas {
  private final WorkflowClient client;

  public TemporalLiveSagas(WorkflowClient client) {
    this.client = client;
  }

  @Override
  public boolean isRunning(String sagaId) {
    try {
      return client.newUntypedWorkflowStub(sagaId).describe().getStatus()
          == WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_RUNNING;
    } catch (RuntimeException e) {
      if (WorkflowNotFound.is(e)) {
        return false;
      }
      throw e;
    }
  }
}
