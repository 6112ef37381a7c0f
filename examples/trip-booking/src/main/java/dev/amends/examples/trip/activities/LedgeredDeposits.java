package dev.amends.examples.trip.activities;

import dev.amends.activities.ledger.EffectLedger;
import dev.amends.activities.ledger.EntryDraft;
import dev.amends.activities.ledger.EntryPhase;
import dev.amends.activities.ledger.LedgerEntry;
import dev.amends.examples.trip.flow.TripCalls.ChargeDeposit;
import dev.amends.examples.trip.flow.TripCalls.DepositCharge;
import dev.amends.examples.trip.flow.TripCalls.Undo;
import dev.amends.examples.trip.flow.TripWorkflowImpl;
import dev.amends.examples.trip.sandbox.SandboxDeposits;
import dev.amends.saga.UndoOutcome;
import io.temporal.failure.ApplicationFailure;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * The deposit and its refund as RML-3 calls: the intent goes into the effect ledger before the
 * provider is called and the outcome after, so the ledger tells what happened even when the
 * provider's answer is lost. Entries are keyed by call and phase: a retry appends nothing twice.
 */
@Component
public class LedgeredDeposits {
  /** The ledger's name for the provider, as the trip saga's definition declares it. */
  public static final String SYSTEM =
      TripWorkflowImpl.DEFINITION.step(TripWorkflowImpl.DEPOSIT).orElseThrow().ledger();

  private final SandboxDeposits provider;
  private final EffectLedger ledger;

  public LedgeredDeposits(SandboxDeposits provider, EffectLedger ledger) {
    this.provider = provider;
    this.ledger = ledger;
  }

  public DepositCharge charge(String sagaId, ChargeDeposit request) {
    String key = request.idempotencyKey();
    ledger.append(effect(sagaId, key, EntryPhase.INTENDED, null, request));
    DepositCharge charge;
    try {
      charge = provider.charge(request);
    } catch (ApplicationFailure failure) {
      // Only a refusal says nothing happened; any other error leaves the intent open.
      if ("DECLINED".equals(failure.getType())) {
        ledger.append(
            effect(sagaId, key, EntryPhase.REFUSED, null, request)
                .withNote(failure.getOriginalMessage()));
      }
      throw failure;
    }
    ledger.append(effect(sagaId, key, EntryPhase.CONFIRMED, charge.chargeId(), request));
    return charge;
  }

  public UndoOutcome refund(Undo request) {
    Optional<LedgerEntry> charged = ledger.effectOf(request.doKey());
    if (charged.isEmpty()) {
      // The intent is written before the provider is called: no entry, no call.
      return UndoOutcome.NOTHING_TO_UNDO;
    }
    LedgerEntry effect = charged.get();
    ledger.append(
        EntryDraft.correction(
            effect, request.undoKey(), EntryPhase.INTENDED, null, effect.amountMinor()));
    SandboxDeposits.Refund refund = provider.refund(request);
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

  private static EntryDraft effect(
      String sagaId, String key, EntryPhase phase, String reference, ChargeDeposit request) {
    return EntryDraft.effect(
        sagaId,
        TripWorkflowImpl.DEPOSIT,
        SYSTEM,
        key,
        phase,
        reference,
        request.amountMinor(),
        request.currency());
  }
}
