package dev.amends.app.reconcile;

import dev.amends.activities.ledger.EntryKind;
import dev.amends.activities.ledger.EntryPhase;
import dev.amends.activities.ledger.LedgerEntry;
import dev.amends.app.payment.PaymentRecord;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * One charge as both sides tell it: the ledger's entries about the call that made it (and every
 * correction naming them), and the provider's charge and refunds. Grouped by the call's idempotency
 * key, which the provider keeps with the charge.
 */
final class PaymentEffect {
  final String callKey;
  final List<LedgerEntry> effects = new ArrayList<>();
  final List<LedgerEntry> corrections = new ArrayList<>();
  PaymentRecord charge;
  final List<PaymentRecord> refunds = new ArrayList<>();

  PaymentEffect(String callKey) {
    this.callKey = callKey;
  }

  void add(LedgerEntry entry) {
    (entry.kind() == EntryKind.EFFECT ? effects : corrections).add(entry);
  }

  /** The saga's own intent: the call was made by amends, on behalf of this saga. */
  Optional<LedgerEntry> intent() {
    return effects.stream().filter(e -> e.phase() == EntryPhase.INTENDED).findFirst();
  }

  /** The saga's own outcome: the call returned, and the saga went on knowing it charged. */
  Optional<LedgerEntry> confirmed() {
    return last(effects, EntryPhase.CONFIRMED);
  }

  Optional<LedgerEntry> observed() {
    return last(effects, EntryPhase.OBSERVED);
  }

  /** What the ledger holds as charged: the confirmed outcome, else what was observed. */
  Optional<LedgerEntry> ledgerCharge() {
    return confirmed().or(this::observed);
  }

  /** The entry a correction of this charge names: what happened, else what was intended. */
  Optional<LedgerEntry> correctable() {
    return ledgerCharge().or(this::intent);
  }

  boolean settledByOperator() {
    return corrections.stream()
        .anyMatch(c -> c.phase() == EntryPhase.SETTLED || c.phase() == EntryPhase.WRITTEN_OFF);
  }

  /** Corrections that say the refund happened. */
  List<LedgerEntry> correctionsDone() {
    return corrections.stream()
        .filter(
            c ->
                c.phase() == EntryPhase.CONFIRMED
                    || c.phase() == EntryPhase.REISSUED
                    || c.phase() == EntryPhase.OBSERVED)
        .toList();
  }

  Optional<LedgerEntry> correctionIntended() {
    return corrections.stream().filter(c -> c.phase() == EntryPhase.INTENDED).reduce((a, b) -> b);
  }

  boolean correctionFoundNothing() {
    return corrections.stream().anyMatch(c -> c.phase() == EntryPhase.NONE);
  }

  /** Whether the ledger says a refund was made or started (and not found needless). */
  boolean refundExpected() {
    return !correctionFoundNothing()
        && (correctionIntended().isPresent() || !correctionsDone().isEmpty());
  }

  long providerRefunded() {
    return refunds.stream().mapToLong(PaymentRecord::amountMinor).sum();
  }

  private static Optional<LedgerEntry> last(List<LedgerEntry> entries, EntryPhase phase) {
    return entries.stream().filter(e -> e.phase() == phase).reduce((a, b) -> b);
  }
}
