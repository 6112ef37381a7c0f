package dev.amends.app.order;

import dev.amends.app.order.StepRequests.ChargeCard;
import dev.amends.app.order.StepRequests.CreateShipment;
import dev.amends.app.order.StepRequests.ReserveStock;
import dev.amends.app.order.StepRequests.SendConfirmation;
import dev.amends.app.order.StepRequests.Undo;
import dev.amends.app.order.StepResults.Charge;
import dev.amends.app.order.StepResults.Shipment;
import dev.amends.saga.SagaStatus;
import io.temporal.failure.ActivityFailure;
import io.temporal.workflow.Saga;
import io.temporal.workflow.Workflow;

/** The same five steps as {@link OrderWorkflowImpl}, with the bare Temporal {@code Saga}. */
public class PlainOrderWorkflowImpl implements PlainOrderWorkflow {
  private final OrderActivities activities =
      Workflow.newActivityStub(OrderActivities.class, OrderWorkflowImpl.STEP_OPTIONS);

  @Override
  public OrderResult fulfil(OrderSagaInput input) {
    Order order = input.order();
    String orderId = order.orderId();
    String id = Workflow.getInfo().getWorkflowId();
    Saga saga = new Saga(new Saga.Options.Builder().setContinueWithError(true).build());
    try {
      PricedOrder price = activities.priceAndValidate(order);
      saga.addCompensation(() -> activities.releaseStock(undo(orderId, id, "reserveStock")));
      activities.reserveStock(new ReserveStock(orderId, id + "/reserveStock", order.items()));
      saga.addCompensation(() -> activities.refundCharge(undo(orderId, id, "chargeCard")));
      Charge charge =
          activities.chargeCard(
              new ChargeCard(
                  orderId,
                  id + "/chargeCard",
                  order.cardToken(),
                  price.totalMinor(),
                  price.currency()));
      saga.addCompensation(() -> activities.cancelShipment(undo(orderId, id, "createShipment")));
      Shipment shipment =
          activities.createShipment(
              new CreateShipment(orderId, id + "/createShipment", order.shippingAddress()));
      saga.addCompensation(
          () -> activities.sendCancellationNotice(undo(orderId, id, "sendConfirmation")));
      activities.sendConfirmation(
          new SendConfirmation(
              orderId,
              id + "/sendConfirmation",
              order.customerEmail(),
              price.totalMinor(),
              price.currency()));
      return new OrderResult(
          orderId,
          SagaStatus.COMPLETED,
          price.totalMinor(),
          price.currency(),
          charge.chargeId(),
          shipment.shipmentId(),
          null,
          null);
    } catch (ActivityFailure e) {
      Workflow.newDetachedCancellationScope(saga::compensate).run();
      return new OrderResult(orderId, SagaStatus.COMPENSATED, 0, null, null, null, null, null);
    }
  }

  private static Undo undo(String orderId, String workflowId, String step) {
    String doKey = workflowId + "/" + step;
    return new Undo(orderId, doKey, doKey + "/undo");
  }
}
