package dev.amends.app.order;

import dev.amends.app.order.StepRequests.ChargeCard;
import dev.amends.app.order.StepRequests.CreateShipment;
import dev.amends.app.order.StepRequests.ReserveStock;
import dev.amends.app.order.StepRequests.SendConfirmation;
import dev.amends.app.order.StepRequests.Undo;
import dev.amends.app.order.StepResults.Charge;
import dev.amends.app.order.StepResults.MailReceipt;
import dev.amends.app.order.StepResults.Reservation;
import dev.amends.app.order.StepResults.Shipment;
import dev.amends.app.order.port.MailSystem;
import dev.amends.app.order.port.ShippingSystem;
import dev.amends.app.order.port.StockSystem;
import dev.amends.saga.UndoOutcome;
import io.temporal.activity.Activity;
import io.temporal.failure.ApplicationFailure;
import org.springframework.stereotype.Component;

/** Thin adapter: each activity calls one port; ports are sandboxes or real systems by config. */
@Component
public class OrderActivitiesImpl implements OrderActivities {
  private final Catalog catalog;
  private final StockSystem stock;
  private final LedgeredPayments payments;
  private final ShippingSystem shipping;
  private final MailSystem mail;

  public OrderActivitiesImpl(
      Catalog catalog,
      StockSystem stock,
      LedgeredPayments payments,
      ShippingSystem shipping,
      MailSystem mail) {
    this.catalog = catalog;
    this.stock = stock;
    this.payments = payments;
    this.shipping = shipping;
    this.mail = mail;
  }

  @Override
  public PricedOrder priceAndValidate(Order order) {
    if (order.items() == null || order.items().isEmpty()) {
      throw invalid("an order needs at least one item");
    }
    long total = 0;
    for (OrderLine line : order.items()) {
      if (line.quantity() < 1) {
        throw invalid("quantity of " + line.sku() + " must be at least 1");
      }
      try {
        total =
            Math.addExact(
                total, Math.multiplyExact(catalog.unitPrice(line.sku()), line.quantity()));
      } catch (IllegalArgumentException | ArithmeticException e) {
        throw invalid(e.getMessage());
      }
    }
    return new PricedOrder(order.orderId(), total, order.currency());
  }

  @Override
  public Reservation reserveStock(ReserveStock request) {
    return stock.reserve(request);
  }

  @Override
  public UndoOutcome releaseStock(Undo request) {
    return stock.release(request);
  }

  @Override
  public Charge chargeCard(ChargeCard request) {
    return payments.charge(sagaId(), request);
  }

  @Override
  public UndoOutcome refundCharge(Undo request) {
    return payments.refund(sagaId(), request);
  }

  @Override
  public Shipment createShipment(CreateShipment request) {
    return shipping.create(request);
  }

  @Override
  public UndoOutcome cancelShipment(Undo request) {
    return shipping.cancel(request);
  }

  @Override
  public MailReceipt sendConfirmation(SendConfirmation request) {
    return mail.sendConfirmation(request);
  }

  @Override
  public UndoOutcome sendCancellationNotice(Undo request) {
    return mail.sendCancellationNotice(request);
  }

  /** The saga this call belongs to: the workflow that scheduled the activity. */
  private static String sagaId() {
    return Activity.getExecutionContext().getInfo().getWorkflowId();
  }

  private static ApplicationFailure invalid(String message) {
    return ApplicationFailure.newNonRetryableFailure(message, OrderFailure.INVALID_ORDER.name());
  }
}
