package dev.amends.examples.trip.activities;

import dev.amends.activities.ledger.EffectLedger;
import dev.amends.activities.ledger.LedgeredCall;
import dev.amends.activities.ledger.LedgeredCall.Effect;
import dev.amends.activities.ledger.LedgeredCall.Made;
import dev.amends.activities.ledger.LedgeredCall.Undone;
import dev.amends.examples.trip.flow.TripCalls.ChargeDeposit;
import dev.amends.examples.trip.flow.TripCalls.DepositCharge;
import dev.amends.examples.trip.flow.TripCalls.Undo;
import dev.amends.examples.trip.flow.TripWorkflowImpl;
import dev.amends.examples.trip.sandbox.SandboxDeposits;
import dev.amends.saga.UndoOutcome;
import org.springframework.stereotype.Component;

/**
 * The deposit and its refund as RML-3 calls through {@link LedgeredCall}: the ledger tells what
 * happened even when the provider's answer is lost, and a retry appends nothing twice.
 */
@Component
public class LedgeredDeposits {
  /** The ledger's name for the provider, as the trip saga's definition declares it. */
  public static final String SYSTEM =
      TripWorkflowImpl.DEFINITION.step(TripWorkflowImpl.DEPOSIT).orElseThrow().ledger();

  private final SandboxDeposits provider;
  private final LedgeredCall calls;

  public LedgeredDeposits(SandboxDeposits provider, EffectLedger ledger) {
    this.provider = provider;
    this.calls = new LedgeredCall(ledger);
  }

  public DepositCharge charge(String sagaId, ChargeDeposit request) {
    Effect deposit =
        new Effect(
            sagaId,
            TripWorkflowImpl.DEPOSIT,
            SYSTEM,
            request.idempotencyKey(),
            request.amountMinor(),
            request.currency());
    return calls.effect(
        deposit,
        () -> provider.charge(request),
        charge -> new Made(charge.chargeId(), request.amountMinor(), request.currency()),
        // Only a refusal says nothing happened; any other error leaves the intent open.
        failure -> "DECLINED".equals(failure.getType()));
  }

  public UndoOutcome refund(Undo request) {
    return calls
        .correct(
            request.doKey(),
            request.undoKey(),
            () -> {
              SandboxDeposits.Refund refund = provider.refund(request);
              return new Undone(refund.outcome(), refund.refundId(), refund.amountMinor());
            })
        // The intent is written before the provider is called: no entry, no call.
        .orElse(UndoOutcome.NOTHING_TO_UNDO);
  }
}
