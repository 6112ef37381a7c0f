package dev.amends.activities.temporal;

import static org.assertj.core.api.Assertions.assertThat;

import io.grpc.Status;
import io.temporal.api.common.v1.WorkflowExecution;
import io.temporal.client.WorkflowNotFoundException;
import io.temporal.client.WorkflowServiceException;
import org.junit.jupiter.api.Test;

class WorkflowNotFoundTest {
  private static final WorkflowExecution EXECUTION =
      WorkflowExecution.newBuilder().setWorkflowId("order-1").build();

  @Test
  void aMissingOrClosedWorkflowIsNotFound_whicheverWayTheClientSaysIt() {
    assertThat(WorkflowNotFound.is(new WorkflowNotFoundException(EXECUTION, "Order", null)))
        .isTrue();
    assertThat(
            WorkflowNotFound.is(
                new WorkflowServiceException(
                    EXECUTION,
                    "Order",
                    Status.NOT_FOUND.withDescription("Completed workflow").asRuntimeException())))
        .isTrue();
    assertThat(WorkflowNotFound.is(Status.NOT_FOUND.asRuntimeException())).isTrue();
  }

  @Test
  void anyOtherFailureIsNot() {
    assertThat(
            WorkflowNotFound.is(
                new WorkflowServiceException(
                    EXECUTION, "Order", Status.UNAVAILABLE.asRuntimeException())))
        .isFalse();
    assertThat(WorkflowNotFound.is(new IllegalStateException("boom"))).isFalse();
  }
}
