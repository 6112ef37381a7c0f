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
import dev.amends.saga.UndoOutcome;
import io.temporal.activity.ActivityInterface;

/**
 * The order flow's calls to the outside world, each do beside its undo. Every call is idempotent on
 * its key: a repeated key returns the first result and never acts twice. Business refusals
 * (declined card, no stock, ...) are non-retryable failures typed by {@link OrderFailure}.
 */
@ActivityInterface
public interface OrderActivities {

  /** RML-1: prices and validates in the worker; no external call. */
  PricedOrder priceAndValidate(Order order);

  Reservation reserveStock(ReserveStock request);

  UndoOutcome releaseStock(Undo request);

  /** RML-3: records intent and outcome in the effect ledger around the provider call. */
  Charge chargeCard(ChargeCard request);

  /** RML-3 correction: a refund, a new ledger entry; the charge itself is never erased. */
  UndoOutcome refundCharge(Undo request);

  Shipment createShipment(CreateShipment request);

  UndoOutcome cancelShipment(Undo request);

  MailReceipt sendConfirmation(SendConfirmation request);

  /** A sent mail cannot be unsent: its correction is a cancellation notice. */
  UndoOutcome sendCancellationNotice(Undo request);
}
