package dev.amends.app.order;

import dev.amends.app.order.StepRequests.ChargeCard;
import dev.amends.app.order.StepRequests.CreateShipment;
import dev.amends.app.order.StepRequests.ReserveStock;
import dev.amends.app.order.StepRequests.SendConfirmation;
import dev.amends.app.order.StepRequests.Undo;
import dev.amends.app.order.StepResults.Charge;
import dev.amends.app.order.StepResults.Shipment;
import dev.amends.saga.AmendsSaga;
import dev.amends.saga.SagaDefinition;
import dev.amends.saga.SagaState;
import dev.amends.saga.SagaStatus;
import dev.amends.saga.StepOptions;
import io.temporal.activity.ActivityCancellationType;
import io.temporal.activity.ActivityOptions;
import io.temporal.common.converter.RawValue;
import io.temporal.workflow.Workflow;
import io.temporal.workflow.WorkflowInit;
import java.time.Duration;
import java.util.Optional;

public class OrderWorkflowImpl implements OrderWorkflow {
  public static final String PRICE = "priceAndValidate";
  public static final String RESERVE = "reserveStock";
  public static final String CHARGE = "chargeCard";
  public static final String SHIP = "createShipment";
  public static final String CONFIRM = "sendConfirmation";

  public static final SagaDefinition DEFINITION =
      SagaDefinition.named("order-fulfilment")
          .step(PRICE)
          .closed()
          .step(RESERVE)
          .dialog()
          .undo("releaseStock")
          .runbook("docs/runbooks/release-stock.md")
          .step(CHARGE)
          .history()
          .correction("refundCharge")
          .ledger("payment-provider")
          .runbook("docs/runbooks/refund-charge.md")
          .step(SHIP)
          .dialog()
          .undo("cancelShipment")
          .runbook("docs/runbooks/cancel-shipment.md")
          .step(CONFIRM)
          .dialog()
          .undo("sendCancellationNotice")
          .runbook("docs/runbooks/cancellation-notice.md")
          // Release, refund, cancel and notice depend on none of each other.
          .parallelUndo()
          .build();

  /**
   * Sandbox and real calls answer in well under a second, so a lost worker is noticed fast; an
   * outage is retried until it ends, and only a refusal (an {@link OrderFailure}, thrown
   * non-retryable) fails a step.
   */
  static final ActivityOptions STEP_OPTIONS =
      ActivityOptions.newBuilder(StepOptions.forwardSteps(Duration.ofSeconds(10)))
          // On cancellation, wait for a running step to finish, so its undo sees its outcome.
          .setCancellationType(ActivityCancellationType.WAIT_CANCELLATION_COMPLETED)
          .build();

  private final AmendsSaga saga;
  private final OrderActivities steps;
  private final OrderActivities undos;

  @WorkflowInit
  public OrderWorkflowImpl(OrderSagaInput input) {
    Order order = input.order();
    Address to = order.shippingAddress();
    saga =
        new AmendsSaga(DEFINITION, input.settings())
            .keepPrivate(
                order.customerEmail(),
                order.cardToken(),
                to == null ? null : to.name(),
                to == null ? null : to.line1(),
                to == null ? null : to.postalCode(),
                to == null ? null : to.city())
            .continuesAsNewWith(input);
    steps = Workflow.newActivityStub(OrderActivities.class, STEP_OPTIONS);
    undos = Workflow.newActivityStub(OrderActivities.class, saga.undoActivityOptions());
  }

  @Override
  public OrderResult fulfil(OrderSagaInput input) {
    Order order = input.order();
    String orderId = order.orderId();
    Optional<OrderResult> completed =
        saga.run(
            () -> {
              PricedOrder price = saga.closedStep(PRICE, keys -> steps.priceAndValidate(order));
              saga.atStake(CHARGE, price.totalMinor(), price.currency());
              saga.step(
                  RESERVE,
                  keys ->
                      steps.reserveStock(new ReserveStock(orderId, keys.doKey(), order.items())),
                  keys -> undos.releaseStock(Undo.of(orderId, keys)));
              Charge charge =
                  saga.step(
                      CHARGE,
                      keys ->
                          steps.chargeCard(
                              new ChargeCard(
                                  orderId,
                                  keys.doKey(),
                                  order.cardToken(),
                                  price.totalMinor(),
                                  price.currency())),
                      keys -> undos.refundCharge(Undo.of(orderId, keys)));
              Shipment shipment =
                  saga.step(
                      SHIP,
                      keys ->
                          steps.createShipment(
                              new CreateShipment(orderId, keys.doKey(), order.shippingAddress())),
                      keys -> undos.cancelShipment(Undo.of(orderId, keys)));
              saga.step(
                  CONFIRM,
                  keys ->
                      steps.sendConfirmation(
                          new SendConfirmation(
                              orderId,
                              keys.doKey(),
                              order.customerEmail(),
                              price.totalMinor(),
                              price.currency())),
                  keys -> undos.sendCancellationNotice(Undo.of(orderId, keys)));
              return new OrderResult(
                  orderId,
                  SagaStatus.COMPLETED,
                  price.totalMinor(),
                  price.currency(),
                  charge.chargeId(),
                  shipment.shipmentId(),
                  null,
                  null);
            });
    return completed.orElseGet(() -> OrderResult.compensated(orderId, saga.state()));
  }

  @Override
  public SagaState sagaState() {
    return saga.state();
  }

  @Override
  public void resolveEscalation(RawValue decision) {
    saga.decide(decision);
  }
}
