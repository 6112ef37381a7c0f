package dev.amends.activities.ledger;

import dev.amends.saga.OperatorAction;
import dev.amends.saga.OperatorDecision;
import java.util.Objects;

/**
 * An entry as its writer describes it, before the ledger gives it a sequence number, a time and its
 * place in the chain. {@code idempotencyKey} is unique in the ledger: appending a draft whose key
 * is there already returns the stored entry and appends nothing.
 *
 * @param callKey the idempotency key of the external call the entry is about
 * @param correctsSeq for a correction, the entry it corrects; null for an effect
 */
public record EntryDraft(
    String sagaId,
    String step,
    EntryKind kind,
    EntryPhase phase,
    Long correctsSeq,
    String externalSystem,
    String externalRef,
    long amountMinor,
    String currency,
    String callKey,
    String idempotencyKey,
    String note) {

  public EntryDraft {
    Objects.requireNonNull(sagaId, "sagaId");
    Objects.requireNonNull(step, "step");
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(phase, "phase");
    Objects.requireNonNull(externalSystem, "externalSystem");
    Objects.requireNonNull(currency, "currency");
    Objects.requireNonNull(callKey, "callKey");
    if ((kind == EntryKind.CORRECTION) != (correctsSeq != null)) {
      throw new IllegalArgumentException(
          "a correction names the entry it corrects; an effect none");
    }
    if (idempotencyKey == null) {
      idempotencyKey = callKey + "#" + phase;
    }
  }

  /** An effect made (or about to be made) by the external call under {@code callKey}. */
  public static EntryDraft effect(
      String sagaId,
      String step,
      String externalSystem,
      String callKey,
      EntryPhase phase,
      String externalRef,
      long amountMinor,
      String currency) {
    return new EntryDraft(
        sagaId,
        step,
        EntryKind.EFFECT,
        phase,
        null,
        externalSystem,
        externalRef,
        amountMinor,
        currency,
        callKey,
        null,
        null);
  }

  /** A correction of {@code corrected}, made (or about to be made) under {@code callKey}. */
  public static EntryDraft correction(
      LedgerEntry corrected,
      String callKey,
      EntryPhase phase,
      String externalRef,
      long amountMinor) {
    return new EntryDraft(
        corrected.sagaId(),
        corrected.step(),
        EntryKind.CORRECTION,
        phase,
        corrected.seq(),
        corrected.externalSystem(),
        externalRef,
        amountMinor,
        corrected.currency(),
        callKey,
        null,
        null);
  }

  /**
   * A person's settlement of {@code corrected}: SETTLED when resolved by hand, WRITTEN_OFF when the
   * loss was accepted, with who decided (and, for a write-off, who approved it) and why. Keyed by
   * the escalation, so each escalation's decision is recorded once.
   *
   * @param escalation names the escalation the decision settled
   */
  public static EntryDraft settlement(
      LedgerEntry corrected,
      String callKey,
      long amountMinor,
      OperatorDecision decision,
      String escalation) {
    EntryPhase phase =
        decision.action() == OperatorAction.ACCEPT_LOSS
            ? EntryPhase.WRITTEN_OFF
            : EntryPhase.SETTLED;
    return correction(corrected, callKey, phase, null, amountMinor)
        .withNote(
            decision.operator()
                + (decision.approvedBy() == null ? "" : ", approved by " + decision.approvedBy())
                + " (escalation "
                + escalation
                + "): "
                + decision.note())
        .withIdempotencyKey(callKey + "#" + phase + "@" + escalation);
  }

  public EntryDraft withNote(String text) {
    return new EntryDraft(
        sagaId,
        step,
        kind,
        phase,
        correctsSeq,
        externalSystem,
        externalRef,
        amountMinor,
        currency,
        callKey,
        idempotencyKey,
        text);
  }

  /** The same draft under another entry key, for entries that may be appended more than once. */
  public EntryDraft withIdempotencyKey(String key) {
    return new EntryDraft(
        sagaId,
        step,
        kind,
        phase,
        correctsSeq,
        externalSystem,
        externalRef,
        amountMinor,
        currency,
        callKey,
        key,
        note);
  }

  /** Whether a stored entry says the same as this draft (a retried append, not a reused key). */
  boolean sameFactAs(LedgerEntry stored) {
    return sagaId.equals(stored.sagaId())
        && step.equals(stored.step())
        && kind == stored.kind()
        && phase == stored.phase()
        && Objects.equals(correctsSeq, stored.correctsSeq())
        && externalSystem.equals(stored.externalSystem())
        && Objects.equals(externalRef, stored.externalRef())
        && amountMinor == stored.amountMinor()
        && currency.equals(stored.currency())
        && callKey.equals(stored.callKey());
  }
}
