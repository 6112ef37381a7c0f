package dev.amends.app.reconcile;

import dev.amends.activities.ledger.EntryKind;
import dev.amends.activities.ledger.LedgerEntry;
import dev.amends.app.payment.PaymentRecord;
import java.util.Collection;
import java.util.Currency;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Compares the ledger's story of each charge with the provider's records of it, and says whether
 * they agree, or how they drift. Pure: the same records give the same findings.
 *
 * <p>A charge is explained only by its saga's confirmed outcome, by a correction, or by an
 * operator's settlement. What the reconciler itself observed explains nothing: a charge it found
 * and recorded stays unexplained until it is refunded.
 */
final class PaymentDriftFinder {
  private static final Set<String> ISO_CURRENCIES =
      Currency.getAvailableCurrencies().stream()
          .map(Currency::getCurrencyCode)
          .collect(Collectors.toUnmodifiableSet());

  private PaymentDriftFinder() {}

  enum Verdict {
    CONSISTENT,
    /** The saga that made it still runs: it owns the effect. */
    IN_FLIGHT,
    /** A person settled it; the ledger records the decision. */
    SETTLED,
    DRIFT
  }

  record Finding(PaymentEffect effect, Verdict verdict, Drift drift) {}

  /** Every charge either side knows of, keyed by the idempotency key of the call that made it. */
  static Collection<PaymentEffect> group(List<PaymentRecord> provider, List<LedgerEntry> ledger) {
    Map<String, PaymentEffect> byKey = new LinkedHashMap<>();
    Map<Long, PaymentEffect> bySeq = new HashMap<>();
    Map<String, PaymentEffect> byReference = new HashMap<>();
    for (LedgerEntry entry : ledger) {
      PaymentEffect effect =
          entry.kind() == EntryKind.EFFECT
              ? byKey.computeIfAbsent(entry.callKey(), PaymentEffect::new)
              : bySeq.get(entry.correctsSeq());
      if (effect == null) {
        continue;
      }
      effect.add(entry);
      bySeq.put(entry.seq(), effect);
      if (entry.kind() == EntryKind.EFFECT && entry.externalRef() != null) {
        byReference.putIfAbsent(entry.externalRef(), effect);
      }
    }
    Map<String, PaymentEffect> byCharge = new HashMap<>();
    for (PaymentRecord record : provider) {
      if (record.isCharge()) {
        PaymentEffect effect = byKey.get(record.idempotencyKey());
        if (effect == null) {
          effect = byReference.get(record.paymentId());
        }
        if (effect == null) {
          effect = byKey.computeIfAbsent(record.idempotencyKey(), PaymentEffect::new);
        }
        effect.charge = record;
        byCharge.put(record.paymentId(), effect);
      }
    }
    for (PaymentRecord record : provider) {
      if (!record.isCharge() && byCharge.containsKey(record.chargeId())) {
        byCharge.get(record.chargeId()).refunds.add(record);
      }
    }
    return byKey.values();
  }

  static Finding evaluate(String system, PaymentEffect effect, LiveSagas sagas) {
    if (effect.settledByOperator()) {
      return new Finding(effect, Verdict.SETTLED, null);
    }
    Optional<Drift> drift = drift(system, effect);
    if (drift.isEmpty()) {
      return new Finding(effect, Verdict.CONSISTENT, null);
    }
    // Asked only about drift: a running saga may still write its outcome or make its refund.
    Optional<LedgerEntry> intent = effect.intent();
    if (intent.isPresent() && sagas.isRunning(intent.get().sagaId())) {
      return new Finding(effect, Verdict.IN_FLIGHT, null);
    }
    return new Finding(effect, Verdict.DRIFT, drift.get());
  }

  private static Optional<Drift> drift(String system, PaymentEffect e) {
    PaymentRecord charge = e.charge;
    Optional<LedgerEntry> ledgerCharge = e.ledgerCharge();
    if (charge == null) {
      if (ledgerCharge.isPresent() || !e.correctionsDone().isEmpty()) {
        LedgerEntry known = ledgerCharge.orElseGet(() -> e.correctionsDone().get(0));
        return Optional.of(
            drift(
                system,
                e,
                DriftKind.LEDGER_WITHOUT_PROVIDER,
                "the ledger records charge "
                    + orUnknown(known.externalRef())
                    + " of "
                    + money(known.amountMinor(), known.currency())
                    + " but the provider has no record of it"));
      }
      return Optional.empty();
    }
    String charged =
        "charge " + charge.paymentId() + " of " + money(charge.amountMinor(), charge.currency());
    if (!ISO_CURRENCIES.contains(charge.currency())) {
      return Optional.of(
          drift(
              system,
              e,
              DriftKind.UNKNOWN_CURRENCY,
              charged + ": " + charge.currency() + " is not an ISO 4217 currency"));
    }
    if (ledgerCharge.isPresent()
        && (ledgerCharge.get().amountMinor() != charge.amountMinor()
            || !ledgerCharge.get().currency().equals(charge.currency()))) {
      return Optional.of(
          drift(
              system,
              e,
              DriftKind.AMOUNT_MISMATCH,
              "the ledger records "
                  + money(ledgerCharge.get().amountMinor(), ledgerCharge.get().currency())
                  + " but the provider holds "
                  + charged));
    }
    long refunded = e.providerRefunded();
    if (refunded > 0 && refunded != charge.amountMinor()) {
      return Optional.of(
          drift(
              system,
              e,
              DriftKind.AMOUNT_MISMATCH,
              charged + " was refunded " + money(refunded, charge.currency()) + ", not in full"));
    }
    if (refunded == 0) {
      if (e.refundExpected()) {
        return Optional.of(
            drift(
                system,
                e,
                DriftKind.MISSING_REFUND,
                "the ledger expects a refund of "
                    + charged
                    + " (key "
                    + refundKey(e)
                    + ") but the provider holds none"));
      }
      if (e.confirmed().isEmpty()) {
        return Optional.of(
            drift(
                system,
                e,
                DriftKind.UNEXPLAINED_CHARGE,
                "the provider holds "
                    + charged
                    + " (order "
                    + orUnknown(charge.orderId())
                    + ", key "
                    + charge.idempotencyKey()
                    + ") that no saga's outcome explains"));
      }
      return Optional.empty();
    }
    if (ledgerCharge.isEmpty() || e.correctionsDone().isEmpty()) {
      return Optional.of(
          drift(
              system,
              e,
              DriftKind.LEDGER_GAP,
              "the provider holds "
                  + charged
                  + " and its refund, but the ledger records "
                  + (ledgerCharge.isEmpty()
                      ? "no outcome of the charge"
                      : "no outcome of the refund")));
    }
    return Optional.empty();
  }

  private static String refundKey(PaymentEffect e) {
    return e.correctionIntended()
        .or(() -> e.correctionsDone().stream().findFirst())
        .map(LedgerEntry::callKey)
        .orElse("?");
  }

  private static Drift drift(String system, PaymentEffect e, DriftKind kind, String detail) {
    PaymentRecord charge = e.charge;
    Optional<LedgerEntry> ledgerCharge = e.ledgerCharge().or(e::intent);
    String reference =
        charge != null
            ? charge.paymentId()
            : ledgerCharge.map(LedgerEntry::externalRef).orElse(null);
    return new Drift(
        system + ":" + (reference != null ? reference : e.callKey),
        kind,
        system,
        reference,
        e.callKey,
        e.intent().map(LedgerEntry::sagaId).orElse(null),
        charge != null ? charge.orderId() : null,
        ledgerCharge.map(LedgerEntry::amountMinor).orElse(null),
        ledgerCharge.map(LedgerEntry::currency).orElse(null),
        charge != null ? charge.amountMinor() : null,
        charge != null ? charge.currency() : null,
        e.providerRefunded(),
        detail);
  }

  /** An amount as people read it: 25.98 EUR; in minor units when the currency is unknown. */
  static String money(long minor, String currency) {
    if (!ISO_CURRENCIES.contains(currency)) {
      return minor + " minor units of " + currency;
    }
    int digits = Math.max(0, Currency.getInstance(currency).getDefaultFractionDigits());
    return java.math.BigDecimal.valueOf(minor, digits).toPlainString() + " " + currency;
  }

  private static String orUnknown(String text) {
    return text == null ? "(none)" : text;
  }
}
