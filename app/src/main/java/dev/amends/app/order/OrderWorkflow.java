package dev.amends.app.order;

import dev.amends.saga.SagaWorkflow;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;

/** Order fulfilment, across all three worlds. Its workflow id is derived from the order id. */
@WorkflowInterface
public interface OrderWorkflow extends SagaWorkflow {

  static String workflowId(String orderId) {
    return "order-" + orderId;
  }

  @WorkflowMethod
  OrderResult fulfil(OrderSagaInput input);
}
