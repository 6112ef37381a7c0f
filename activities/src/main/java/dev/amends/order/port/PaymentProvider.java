package dev.amends.order.port;

import dev.amends.order.StepRequests.ChargeCard;
import dev.amends.order.StepRequests.Undo;
import dev.amends.order.StepResults.Charge;
import dev.amends.saga.UndoOutcome;

/** The card payment provider. Both calls are idempotent on the request's key. */
public interface PaymentProvider {
  Charge charge(ChargeCard request);

  /** Refunds the charge made under {@code request.doKey()}; none made is nothing to undo. */
  UndoOutcome refund(Undo request);
}
