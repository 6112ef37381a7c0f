package dev.amends.app.replay;

import dev.amends.app.order.OrderActivities;
import dev.amends.app.order.OrderResult;
import dev.amends.app.order.OrderSagaInput;
import dev.amends.app.order.OrderWorkflow;
import dev.amends.saga.SagaState;
import io.temporal.activity.ActivityOptions;
import io.temporal.workflow.Workflow;
import java.time.Duration;

/** A careless edit of the order flow: it charges before reserving. Replay must refuse it. */
public class ReorderedOrderWorkflowImpl implements OrderWorkflow {
  private final OrderActivities activities =
      Workflow.newActivityStub(
          OrderActivities.class,
          ActivityOptions.newBuilder().setStartToCloseTimeout(Duration.ofSeconds(10)).build());

  @Override
  public OrderResult fulfil(OrderSagaInput input) {
    activities.priceAndValidate(input.order());
    activities.chargeCard(null);
    return null;
  }

  @Override
  public SagaState sagaState() {
    return null;
  }

  @Override
  public void resolveEscalation(io.temporal.common.converter.RawValue decision) {}
}
