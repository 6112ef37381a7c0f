package dev.amends.app.reconcile;

import dev.amends.activities.ledger.EffectLedger;
import dev.amends.activities.ledger.EntryDraft;
import dev.amends.activities.ledger.EntryPhase;
import dev.amends.activities.ledger.LedgerEntry;
import dev.amends.app.order.LedgeredPayments;
import dev.amends.app.order.StepRequests.Undo;
import dev.amends.app.payment.PaymentProvider;
import dev.amends.app.payment.PaymentRecord;
import dev.amends.app.payment.Refund;
import dev.amends.app.reconcile.PaymentDriftFinder.Finding;
import dev.amends.app.reconcile.PaymentDriftFinder.Verdict;
import dev.amends.saga.UndoOutcome;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * The payment provider's reconciliation: finds where the ledger and the provider's records
 * disagree, and settles what it can, forward only. Every fix reads both sides again just before it
 * acts, records its intent before it calls the provider and its outcome after (as the charge step
 * does), and keys every call and entry so that a retry, a crash or a second run repeats nothing.
 */
@Component
public class PaymentReconciliation {
  static final String SYSTEM = LedgeredPayments.SYSTEM;

  /** The step name entries carry when no saga made the effect. */
  static final String RECONCILE_STEP = "reconcile";

  private final PaymentProvider provider;
  private final EffectLedger ledger;
  private final LiveSagas sagas;

  public PaymentReconciliation(PaymentProvider provider, EffectLedger ledger, LiveSagas sagas) {
    this.provider = provider;
    this.ledger = ledger;
    this.sagas = sagas;
  }

  public Survey survey(int maxDrifts) {
    // The provider first: a charge it holds was intended in the ledger before it was made, so the
    // ledger read after it sees that intent. Read the other way round, a charge made in between
    // would look unexplained.
    List<PaymentRecord> records = provider.records();
    List<LedgerEntry> entries = ledger.forSystem(SYSTEM);
    int consistent = 0;
    int inFlight = 0;
    int settled = 0;
    int effects = 0;
    List<Drift> drifts = new ArrayList<>();
    int more = 0;
    for (PaymentEffect effect : PaymentDriftFinder.group(records, entries)) {
      effects++;
      Finding finding = PaymentDriftFinder.evaluate(SYSTEM, effect, sagas);
      switch (finding.verdict()) {
        case CONSISTENT -> consistent++;
        case IN_FLIGHT -> inFlight++;
        case SETTLED -> settled++;
        case DRIFT -> {
          if (drifts.size() < maxDrifts) {
            drifts.add(finding.drift());
          } else {
            more++;
          }
        }
      }
    }
    return new Survey(
        records.size(), entries.size(), effects, consistent, inFlight, settled, drifts, more);
  }

  /** The drift of one charge as both sides show it now; empty when they agree (or it is owned). */
  public Optional<Drift> recheck(String callKey) {
    return Optional.ofNullable(look(callKey).drift());
  }

  /**
   * Settles a drift the reconciler may settle itself, from wherever it stands now: a fix that
   * crashed or failed half-way is found as the drift it left (a refund intended but not made, a
   * refund made but not recorded) and carried on from there.
   */
  public FixOutcome fix(Drift drift, String runId) {
    Finding now = look(drift.callKey());
    if (now.verdict() != Verdict.DRIFT || now.drift().kind().needsOperator()) {
      return noLonger(drift, now);
    }
    return switch (now.drift().kind()) {
      case UNEXPLAINED_CHARGE -> refundUnexplainedCharge(drift, now.effect(), runId);
      case MISSING_REFUND -> reissueRefund(drift, now.effect(), runId);
      default -> completeLedger(drift, now.effect(), runId);
    };
  }

  private FixOutcome refundUnexplainedCharge(Drift drift, PaymentEffect effect, String runId) {
    PaymentRecord charge = effect.charge;
    List<Long> appended = new ArrayList<>();
    LedgerEntry observed = observedCharge(effect, runId, appended);
    String refundKey = "reconcile/" + charge.paymentId() + "/refund";
    appended.add(
        ledger
            .append(
                EntryDraft.correction(
                        observed, refundKey, EntryPhase.INTENDED, null, charge.amountMinor())
                    .withNote("no saga's outcome explains this charge; refunded by the reconciler"))
            .seq());
    Refund refund = provider.refund(new Undo(charge.orderId(), charge.idempotencyKey(), refundKey));
    EntryPhase done =
        refund.outcome() == UndoOutcome.NOTHING_TO_UNDO ? EntryPhase.NONE : EntryPhase.CONFIRMED;
    appended.add(outcome(observed, refundKey, refund, done, null).seq());
    return FixOutcome.of(
        drift,
        FixAction.REFUNDED,
        "refunded " + charge.paymentId() + " as " + refund.refundId() + " (key " + refundKey + ")",
        appended);
  }

  private FixOutcome reissueRefund(Drift drift, PaymentEffect effect, String runId) {
    LedgerEntry expected =
        effect
            .correctionIntended()
            .or(() -> effect.correctionsDone().stream().findFirst())
            .orElseThrow();
    LedgerEntry corrected = byCorrectsSeq(effect, expected);
    String refundKey = expected.callKey();
    // Once confirmed, the refund's outcome entry exists: the provider lost it, so this is a
    // reissue.
    boolean confirmedBefore =
        effect.correctionsDone().stream().anyMatch(c -> c.callKey().equals(refundKey));
    Refund refund =
        provider.refund(
            new Undo(effect.charge.orderId(), effect.charge.idempotencyKey(), refundKey));
    if (refund.outcome() == UndoOutcome.NOTHING_TO_UNDO) {
      return noLonger(drift, look(drift.callKey()));
    }
    LedgerEntry entry =
        confirmedBefore
            ? outcome(
                corrected, refundKey, refund, EntryPhase.REISSUED, refundKey + "#REISSUED@" + runId)
            : outcome(corrected, refundKey, refund, EntryPhase.CONFIRMED, null);
    return FixOutcome.of(
        drift,
        FixAction.REFUND_REISSUED,
        "refund " + refund.refundId() + " made under key " + refundKey,
        List.of(entry.seq()));
  }

  private FixOutcome completeLedger(Drift drift, PaymentEffect effect, String runId) {
    List<Long> appended = new ArrayList<>();
    LedgerEntry charged =
        effect.ledgerCharge().orElseGet(() -> observedCharge(effect, runId, appended));
    if (effect.correctionsDone().isEmpty()) {
      PaymentRecord refund = effect.refunds.get(0);
      Optional<LedgerEntry> intended = effect.correctionIntended();
      // A refund the ledger intended gets its outcome under its own key; one made outside amends
      // is recorded as observed, under the provider's key.
      EntryDraft draft =
          intended.isPresent()
              ? EntryDraft.correction(
                  byCorrectsSeq(effect, intended.get()),
                  intended.get().callKey(),
                  EntryPhase.CONFIRMED,
                  refund.paymentId(),
                  refund.amountMinor())
              : EntryDraft.correction(
                  charged,
                  refund.idempotencyKey(),
                  EntryPhase.OBSERVED,
                  refund.paymentId(),
                  refund.amountMinor());
      appended.add(ledger.append(draft).seq());
    }
    return FixOutcome.of(
        drift, FixAction.LEDGER_COMPLETED, "recorded what the provider holds", appended);
  }

  /**
   * Records a person's settlement of a drift as a correction of the charge (observed first, if the
   * ledger never recorded it), keyed by the escalation so that it is recorded once.
   */
  public List<Long> recordSettlement(Settlement settlement) {
    if (settlement.drift().callKey() == null) {
      return List.of();
    }
    PaymentEffect effect = look(settlement.drift().callKey()).effect();
    List<Long> appended = new ArrayList<>();
    Optional<LedgerEntry> known = effect.correctable();
    if (known.isEmpty() && effect.charge == null) {
      return List.of();
    }
    LedgerEntry corrected =
        known.orElseGet(() -> observedCharge(effect, settlement.escalationWorkflowId(), appended));
    long amount = effect.charge != null ? effect.charge.amountMinor() : corrected.amountMinor();
    appended.add(
        ledger
            .append(
                EntryDraft.settlement(
                    corrected,
                    corrected.callKey() + "/settlement",
                    amount,
                    settlement.decision(),
                    settlement.escalationWorkflowId() + "/" + settlement.escalationId()))
            .seq());
    return appended;
  }

  private Finding look(String callKey) {
    List<PaymentRecord> records = new ArrayList<>();
    Optional<PaymentRecord> charge = provider.find(callKey);
    if (charge.isPresent()) {
      records.add(charge.get());
      records.addAll(provider.refundsOf(charge.get().paymentId()));
    }
    List<LedgerEntry> story = ledger.storyOf(callKey);
    return PaymentDriftFinder.group(records, story).stream()
        .filter(e -> e.callKey.equals(callKey))
        .findFirst()
        .map(e -> PaymentDriftFinder.evaluate(SYSTEM, e, sagas))
        .orElseGet(() -> new Finding(new PaymentEffect(callKey), Verdict.CONSISTENT, null));
  }

  /** The charge as the provider holds it, recorded as observed (once: the entry is keyed). */
  private LedgerEntry observedCharge(PaymentEffect effect, String recordedBy, List<Long> appended) {
    Optional<LedgerEntry> existing = effect.observed();
    if (existing.isPresent()) {
      return existing.get();
    }
    PaymentRecord charge = effect.charge;
    Optional<LedgerEntry> intent = effect.intent();
    LedgerEntry observed =
        ledger.append(
            EntryDraft.effect(
                    intent.map(LedgerEntry::sagaId).orElse(recordedBy),
                    intent.map(LedgerEntry::step).orElse(RECONCILE_STEP),
                    SYSTEM,
                    effect.callKey,
                    EntryPhase.OBSERVED,
                    charge.paymentId(),
                    charge.amountMinor(),
                    charge.currency())
                .withNote("found in the provider's records by " + recordedBy));
    appended.add(observed.seq());
    return observed;
  }

  private LedgerEntry outcome(
      LedgerEntry corrected, String refundKey, Refund refund, EntryPhase phase, String entryKey) {
    EntryDraft draft =
        EntryDraft.correction(corrected, refundKey, phase, refund.refundId(), refund.amountMinor());
    return ledger.append(entryKey == null ? draft : draft.withIdempotencyKey(entryKey));
  }

  private static LedgerEntry byCorrectsSeq(PaymentEffect effect, LedgerEntry correction) {
    return effect.effects.stream()
        .filter(e -> e.seq() == correction.correctsSeq())
        .findFirst()
        .orElseThrow();
  }

  private static FixOutcome noLonger(Drift drift, Finding now) {
    String detail =
        switch (now.verdict()) {
          case DRIFT -> "it drifts otherwise now: " + now.drift().describe();
          case IN_FLIGHT -> "its saga runs again and owns it";
          case SETTLED -> "a person settled it";
          case CONSISTENT -> "ledger and provider agree now";
        };
    return FixOutcome.of(drift, FixAction.NO_LONGER_DRIFTING, detail, List.of());
  }
}
