package dev.amends.app.payment;

import dev.amends.app.order.StepRequests.ChargeCard;
import dev.amends.app.order.StepRequests.Undo;
import dev.amends.app.order.StepResults.Charge;
import java.util.List;
import java.util.Optional;

/**
 * The card payment provider. Charge and refund are idempotent on the request's key; the provider's
 * own records (what it says happened, whoever asked for it) are what the reconciler compares the
 * effect ledger with.
 */
public interface PaymentProvider {
  Charge charge(ChargeCard request);

  /** Refunds the charge made under {@code request.doKey()}; none made is nothing to undo. */
  Refund refund(Undo request);

  /** The record the provider keeps under an idempotency key, if any. */
  Optional<PaymentRecord> find(String idempotencyKey);

  /** The refunds the provider holds of one charge, oldest first. */
  List<PaymentRecord> refundsOf(String chargeId);

  /** Every record the provider holds, charges and refunds, oldest first. */
  List<PaymentRecord> records();
}
