package dev.amends.app.order;

import dev.amends.activities.ledger.EffectLedger;
import dev.amends.activities.ledger.EntryDraft;
import dev.amends.activities.ledger.EntryPhase;
import dev.amends.activities.ledger.LedgerEntry;
import dev.amends.activities.ledger.LedgeredCall;
import dev.amends.activities.ledger.LedgeredCall.Effect;
import dev.amends.activities.ledger.LedgeredCall.Made;
import dev.amends.activities.ledger.LedgeredCall.Undone;
import dev.amends.app.order.StepRequests.ChargeCard;
import dev.amends.app.order.StepRequests.Undo;
import dev.amends.app.order.StepResults.Charge;
import dev.amends.app.payment.PaymentProvider;
import dev.amends.app.payment.PaymentRecord;
import dev.amends.app.payment.Refund;
import dev.amends.saga.UndoOutcome;
import io.temporal.failure.ApplicationFailure;
import org.springframework.stereotype.Component;

/**
 * The card charge and its refund as RML-3 calls through {@link LedgeredCall}: a retried activity
 * appends nothing twice and the provider acts once (same idempotency key). Only a non-retryable
 * refusal records that nothing happened.
 */
@Component
public class LedgeredPayments {
  /** The ledger's name for the payment provider, as the order saga's definition declares it. */
  public static final String SYSTEM =
      OrderWorkflowImpl.DEFINITION.step(OrderWorkflowImpl.CHARGE).orElseThrow().ledger();

  private final PaymentProvider payments;
  private final EffectLedger ledger;
  private final LedgeredCall calls;

  public LedgeredPayments(PaymentProvider payments, EffectLedger ledger) {
    this.payments = payments;
    this.ledger = ledger;
    this.calls = new LedgeredCall(ledger);
  }

  public Charge charge(String sagaId, ChargeCard request) {
    return calls.effect(
        effect(sagaId, request.idempotencyKey(), request.amountMinor(), request.currency()),
        () -> payments.charge(request),
        charge -> new Made(charge.chargeId(), charge.amountMinor(), charge.currency()),
        ApplicationFailure::isNonRetryable);
  }

  public UndoOutcome refund(String sagaId, Undo request) {
    return calls
        .correct(request.doKey(), request.undoKey(), () -> undone(payments.refund(request)))
        .orElseGet(() -> refundUnknownToTheLedger(sagaId, request));
  }

  /**
   * The ledger never heard of the charge, so nothing was intended under this key: the provider has
   * the last word. Should it hold a charge under the key after all, both the charge it held and its
   * refund are recorded, so the ledger tells the whole story.
   */
  private UndoOutcome refundUnknownToTheLedger(String sagaId, Undo request) {
    Refund refund = payments.refund(request);
    if (refund.outcome() == UndoOutcome.UNDONE) {
      PaymentRecord held = payments.find(request.doKey()).orElseThrow();
      LedgerEntry observed =
          calls.observed(
              effect(sagaId, request.doKey(), held.amountMinor(), held.currency()),
              new Made(held.paymentId(), held.amountMinor(), held.currency()));
      ledger.append(
          EntryDraft.correction(
              observed,
              request.undoKey(),
              EntryPhase.CONFIRMED,
              refund.refundId(),
              refund.amountMinor()));
    }
    return refund.outcome();
  }

  private static Undone undone(Refund refund) {
    return new Undone(refund.outcome(), refund.refundId(), refund.amountMinor());
  }

  private static Effect effect(String sagaId, String key, long amountMinor, String currency) {
    return new Effect(sagaId, OrderWorkflowImpl.CHARGE, SYSTEM, key, amountMinor, currency);
  }
}
