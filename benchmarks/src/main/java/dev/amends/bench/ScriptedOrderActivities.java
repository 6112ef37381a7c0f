package dev.amends.bench;

import dev.amends.app.order.Order;
import dev.amends.app.order.OrderActivities;
import dev.amends.app.order.PricedOrder;
import dev.amends.app.order.StepRequests.ChargeCard;
import dev.amends.app.order.StepRequests.CreateShipment;
import dev.amends.app.order.StepRequests.ReserveStock;
import dev.amends.app.order.StepRequests.SendConfirmation;
import dev.amends.app.order.StepRequests.Undo;
import dev.amends.app.order.StepResults.Charge;
import dev.amends.app.order.StepResults.MailReceipt;
import dev.amends.app.order.StepResults.Reservation;
import dev.amends.app.order.StepResults.Shipment;
import dev.amends.saga.UndoOutcome;
import io.temporal.failure.ApplicationFailure;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * In-memory order activities driven by the sandboxes' test values (docs/sandbox.md), so that the
 * figures show what the saga costs, not what a database costs.
 */
final class ScriptedOrderActivities implements OrderActivities {
  private final Map<String, Boolean> effects = new ConcurrentHashMap<>();
  private final Map<String, String> refundBlockedOrders = new ConcurrentHashMap<>();
  private final Set<String> healed = ConcurrentHashMap.newKeySet();

  void heal(String orderId) {
    healed.add(orderId);
  }

  @Override
  public PricedOrder priceAndValidate(Order order) {
    if (order.items().get(0).sku().startsWith("UNPRICEABLE")) {
      throw refused("INVALID_ORDER");
    }
    if ("tok_refund_blocked".equals(order.cardToken())) {
      refundBlockedOrders.put(order.orderId(), "");
    }
    return new PricedOrder(order.orderId(), 1000, order.currency());
  }

  @Override
  public Reservation reserveStock(ReserveStock request) {
    if (request.items().get(0).sku().startsWith("OUT-OF-STOCK")) {
      throw refused("OUT_OF_STOCK");
    }
    return new Reservation(act(request.idempotencyKey()));
  }

  @Override
  public UndoOutcome releaseStock(Undo request) {
    return undo(request);
  }

  @Override
  public Charge chargeCard(ChargeCard request) {
    if ("tok_declined".equals(request.cardToken())) {
      throw refused("CARD_DECLINED");
    }
    return new Charge(act(request.idempotencyKey()), request.amountMinor(), request.currency());
  }

  @Override
  public UndoOutcome refundCharge(Undo request) {
    if (refundBlockedOrders.containsKey(request.orderId()) && !healed.contains(request.orderId())) {
      throw ApplicationFailure.newFailure("refund blocked", "UNDO_BLOCKED");
    }
    return undo(request);
  }

  @Override
  public Shipment createShipment(CreateShipment request) {
    if (request.address().line1().contains("UNDELIVERABLE")) {
      throw refused("UNDELIVERABLE");
    }
    return new Shipment(act(request.idempotencyKey()));
  }

  @Override
  public UndoOutcome cancelShipment(Undo request) {
    return undo(request);
  }

  @Override
  public MailReceipt sendConfirmation(SendConfirmation request) {
    if (request.email().contains("bounce")) {
      throw refused("MAIL_REJECTED");
    }
    return new MailReceipt(act(request.idempotencyKey()));
  }

  @Override
  public UndoOutcome sendCancellationNotice(Undo request) {
    return undo(request);
  }

  private String act(String key) {
    effects.put(key, Boolean.TRUE);
    return key;
  }

  private UndoOutcome undo(Undo request) {
    return effects.remove(request.doKey()) == null
        ? UndoOutcome.NOTHING_TO_UNDO
        : UndoOutcome.UNDONE;
  }

  private static ApplicationFailure refused(String type) {
    return ApplicationFailure.newNonRetryableFailure(type, type);
  }
}
