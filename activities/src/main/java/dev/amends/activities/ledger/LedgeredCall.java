package dev.amends.activities.ledger;

import dev.amends.saga.UndoOutcome;
import io.temporal.failure.ApplicationFailure;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * The RML-3 protocol around one external call: the intent goes into the effect ledger before the
 * call and the outcome after, inside the same activity, so the saga's history gains no event and
 * the ledger tells what happened even when the provider's answer is lost. Entries are keyed by the
 * call's idempotency key and phase, so a retried activity appends nothing twice.
 *
 * <p>An intent without an outcome is what a crash between the call and the ledger write leaves
 * behind; the activity's retry completes it, and the reconciler settles what no retry will.
 */
public final class LedgeredCall {
  private final EffectLedger ledger;

  public LedgeredCall(EffectLedger ledger) {
    this.ledger = ledger;
  }

  /** The effect a forward call is about to make. */
  public record Effect(
      String sagaId,
      String step,
      String system,
      String callKey,
      long amountMinor,
      String currency) {

    EntryDraft draft(EntryPhase phase, String reference, long amount, String inCurrency) {
      return EntryDraft.effect(sagaId, step, system, callKey, phase, reference, amount, inCurrency);
    }
  }

  /** What the provider says it did: its reference and the amount it took. */
  public record Made(String reference, long amountMinor, String currency) {}

  /** What the provider says its undo did. */
  public record Undone(UndoOutcome outcome, String reference, long amountMinor) {}

  /**
   * Records the intent, makes the call, then records what it made. A failure for which {@code
   * isRefusal} holds is recorded as {@code REFUSED} (nothing happened); any other failure leaves
   * the intent open for a retry or the reconciler.
   */
  public <R> R effect(
      Effect effect,
      Supplier<R> call,
      Function<R, Made> made,
      Predicate<ApplicationFailure> isRefusal) {
    ledger.append(effect.draft(EntryPhase.INTENDED, null, effect.amountMinor(), effect.currency()));
    R result;
    try {
      result = call.get();
    } catch (ApplicationFailure failure) {
      if (isRefusal.test(failure)) {
        ledger.append(
            effect
                .draft(EntryPhase.REFUSED, null, effect.amountMinor(), effect.currency())
                .withNote(failure.getOriginalMessage()));
      }
      throw failure;
    }
    Made outcome = made.apply(result);
    ledger.append(
        effect.draft(
            EntryPhase.CONFIRMED, outcome.reference(), outcome.amountMinor(), outcome.currency()));
    return result;
  }

  /**
   * Undoes the effect the ledger holds under {@code doKey}: records the correction's intent, calls
   * the provider, then records what it undid ({@code NONE} when there was nothing to undo). Empty
   * when the ledger holds no effect under that key; the caller decides what that means.
   */
  public Optional<UndoOutcome> correct(String doKey, String undoKey, Supplier<Undone> call) {
    Optional<LedgerEntry> corrected = ledger.effectOf(doKey);
    if (corrected.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(correct(corrected.get(), undoKey, call));
  }

  /** Undoes {@code effect}, an entry already in the ledger, as {@link #correct(String, ...)}. */
  public UndoOutcome correct(LedgerEntry effect, String undoKey, Supplier<Undone> call) {
    ledger.append(
        EntryDraft.correction(effect, undoKey, EntryPhase.INTENDED, null, effect.amountMinor()));
    Undone undone = call.get();
    if (undone.outcome() == UndoOutcome.NOTHING_TO_UNDO) {
      ledger.append(EntryDraft.correction(effect, undoKey, EntryPhase.NONE, null, 0));
    } else {
      ledger.append(
          EntryDraft.correction(
              effect, undoKey, EntryPhase.CONFIRMED, undone.reference(), undone.amountMinor()));
    }
    return undone.outcome();
  }

  /** Records an effect the ledger never heard of but the provider holds, as observed. */
  public LedgerEntry observed(Effect effect, Made held) {
    return ledger.append(
        effect.draft(EntryPhase.OBSERVED, held.reference(), held.amountMinor(), held.currency()));
  }
}
