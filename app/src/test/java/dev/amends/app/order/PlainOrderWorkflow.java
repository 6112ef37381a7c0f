package dev.amends.app.order;

import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;

/** The order flow written with a bare {@code Saga} and no amends bookkeeping: the cost baseline. */
@WorkflowInterface
public interface PlainOrderWorkflow {
  @WorkflowMethod
  OrderResult fulfil(OrderSagaInput input);
}
