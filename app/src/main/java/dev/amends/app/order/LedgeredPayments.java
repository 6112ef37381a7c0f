package dev.amends.app.order;

import dev.amends.activities.ledger.EffectLedger;
import dev.amends.activities.ledger.EntryDraft;
import dev.amends.activities.ledger.EntryPhase;
import dev.amends.activities.ledger.LedgerEntry;
import dev.amends.app.order.StepRequests.ChargeCard;
import dev.amends.app.order.StepRequests.Undo;
import dev.amends.app.order.StepResults.Charge;
import dev.amends.app.payment.PaymentProvider;
import dev.amends.app.payment.PaymentRecord;
import dev.amends.app.payment.Refund;
import dev.amends.saga.UndoOutcome;
import io.temporal.failure.ApplicationFailure;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * The card charge and its refund as RML-3 calls: each records its intent in the effect ledger
 * before it calls the provider and its outcome after, inside the same activity, so the saga's
 * history gains no event. A retried activity appends nothing twice (entries are keyed by the call's
 * idempotency key and phase) and the provider acts once (same key).
 *
 * <p>An intent without an outcome is what a crash between the provider call and the ledger write
 * leaves behind; the activity's retry completes it, and the reconciler settles what no retry will.
 */
@Component
public class LedgeredPayments {
  /** The ledger's name for the payment provider, as the order saga's definition declares it. */
  public static final String SYSTEM =
      OrderWorkflowImpl.DEFINITION.step(OrderWorkflowImpl.CHARGE).orElseThrow().ledger();

  private final PaymentProvider payments;
  private final EffectLedger ledger;

  public LedgeredPayments(PaymentProvider payments, EffectLedger ledger) {
    this.payments = payments;
    this.ledger = ledger;
  }

  public Charge charge(String sagaId, ChargeCard request) {
    String key = request.idempotencyKey();
    ledger.append(
        effect(sagaId, key, EntryPhase.INTENDED, null, request.amountMinor(), request.currency()));
    Charge charge;
    try {
      charge = payments.charge(request);
    } catch (ApplicationFailure refused) {
      if (refused.isNonRetryable()) {
        ledger.append(
            effect(sagaId, key, EntryPhase.REFUSED, null, request.amountMinor(), request.currency())
                .withNote(refused.getOriginalMessage()));
      }
      throw refused;
    }
    ledger.append(
        effect(
            sagaId,
            key,
            EntryPhase.CONFIRMED,
            charge.chargeId(),
            charge.amountMinor(),
            charge.currency()));
    return charge;
  }

  public UndoOutcome refund(String sagaId, Undo request) {
    Optional<LedgerEntry> corrected = ledger.effectOf(request.doKey());
    if (corrected.isEmpty()) {
      return refundUnknownToTheLedger(sagaId, request);
    }
    LedgerEntry effect = corrected.get();
    ledger.append(
        EntryDraft.correction(
            effect, request.undoKey(), EntryPhase.INTENDED, null, effect.amountMinor()));
    Refund refund = payments.refund(request);
    if (refund.outcome() == UndoOutcome.NOTHING_TO_UNDO) {
      ledger.append(EntryDraft.correction(effect, request.undoKey(), EntryPhase.NONE, null, 0));
    } else {
      ledger.append(
          EntryDraft.correction(
              effect,
              request.undoKey(),
              EntryPhase.CONFIRMED,
              refund.refundId(),
              refund.amountMinor()));
    }
    return refund.outcome();
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
          ledger.append(
              effect(
                  sagaId,
                  request.doKey(),
                  EntryPhase.OBSERVED,
                  held.paymentId(),
                  held.amountMinor(),
                  held.currency()));
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

  private static EntryDraft effect(
      String sagaId,
      String key,
      EntryPhase phase,
      String reference,
      long amountMinor,
      String currency) {
    return EntryDraft.effect(
        sagaId, OrderWorkflowImpl.CHARGE, SYSTEM, key, phase, reference, amountMinor, currency);
  }
}
