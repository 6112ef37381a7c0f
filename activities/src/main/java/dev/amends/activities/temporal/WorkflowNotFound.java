package dev.amends.activities.temporal;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.temporal.client.WorkflowNotFoundException;
import io.temporal.client.WorkflowServiceException;

/**
 * Whether a Temporal client call failed because the workflow was never started or has closed: the
 * client says so as a typed exception, or as the server's NOT_FOUND under a service exception.
 */
public final class WorkflowNotFound {
  private WorkflowNotFound() {}

  public static boolean is(RuntimeException failure) {
    if (failure instanceof WorkflowNotFoundException) {
      return true;
    }
    Throwable grpc = failure instanceof WorkflowServiceException ? failure.getCause() : failure;
    return grpc instanceof StatusRuntimeException status
        && status.getStatus().getCode() == Status.Code.NOT_FOUND;
  }
}
