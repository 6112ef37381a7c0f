package dev.amends.activities.escalation;

import dev.amends.activities.ledger.EffectLedger;
import dev.amends.activities.ledger.EntryDraft;
import dev.amends.activities.ledger.LedgerEntry;
import dev.amends.saga.Escalation;
import dev.amends.saga.OperatorAction;
import dev.amends.saga.StepKeys;
import dev.amends.saga.World;
import java.util.Optional;

/**
 * When a person settles a failed RML-3 correction (by hand, or by writing the effect off), the
 * effect ledger records it as a correction of its own, with who decided and why: the ledger's story
 * of the effect has an end, and the reconciler leaves it to the person who owns it.
 */
public class LedgerSettlements {
  private final EffectLedger ledger;

  public LedgerSettlements(EffectLedger ledger) {
    this.ledger = ledger;
  }

  /**
   * Records the decision of a closed escalation, if it settles an RML-3 effect the ledger holds.
   */
  public Optional<LedgerEntry> record(Escalation settled) {
    if (settled.world() != World.HISTORY
        || settled.decision() == null
        || settled.decision().action() == OperatorAction.RETRY) {
      return Optional.empty();
    }
    StepKeys keys = StepKeys.of(settled.sagaId(), settled.step());
    Optional<LedgerEntry> effect = ledger.effectOf(keys.doKey());
    if (effect.isEmpty()) {
      return Optional.empty();
    }
    EntryDraft settlement =
        EntryDraft.settlement(
            effect.get(),
            keys.undoKey(),
            effect.get().amountMinor(),
            settled.decision(),
            settled.id());
    return Optional.of(ledger.append(settlement));
  }
}
