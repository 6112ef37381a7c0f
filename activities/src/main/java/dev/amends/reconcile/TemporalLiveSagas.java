package dev.amends.reconcile;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.temporal.api.enums.v1.WorkflowExecutionStatus;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowNotFoundException;
import io.temporal.client.WorkflowServiceException;
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
    } catch (WorkflowNotFoundException notFound) {
      return false;
    } catch (WorkflowServiceException e) {
      if (e.getCause() instanceof StatusRuntimeException grpc
          && grpc.getStatus().getCode() == Status.Code.NOT_FOUND) {
        return false;
      }
      throw e;
    } catch (StatusRuntimeException grpc) {
      if (grpc.getStatus().getCode() == Status.Code.NOT_FOUND) {
        return false;
      }
      throw grpc;
    }
  }
}
