package dev.amends.app.reconcile;

/**
 * One disagreement between the ledger and an external system, about one effect.
 *
 * @param id stable across runs ({@code <system>:<reference>}), so the same drift found twice is
 *     recognised, and its escalation is opened once
 * @param callKey the idempotency key of the call that made the effect: where the ledger files it
 * @param sagaId the saga that intended the effect; null when no saga did
 * @param orderId the merchant reference the system keeps with the effect, if any
 * @param ledgerAmountMinor null when the ledger records no amount for it
 * @param providerAmountMinor null when the system holds no record of it
 */
public record Drift(
    String id,
    DriftKind kind,
    String externalSystem,
    String externalRef,
    String callKey,
    String sagaId,
    String orderId,
    Long ledgerAmountMinor,
    String ledgerCurrency,
    Long providerAmountMinor,
    String providerCurrency,
    long providerRefundedMinor,
    String detail) {

  public static Drift brokenChain(ChainCheck chain) {
    return new Drift(
        "ledger:chain",
        DriftKind.CHAIN_BROKEN,
        "ledger",
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        0,
        "entry " + chain.brokenAtSeq() + ": " + chain.problem());
  }

  public Drift withDetail(String text) {
    return new Drift(
        id,
        kind,
        externalSystem,
        externalRef,
        callKey,
        sagaId,
        orderId,
        ledgerAmountMinor,
        ledgerCurrency,
        providerAmountMinor,
        providerCurrency,
        providerRefundedMinor,
        text);
  }

  /** What writing this drift off would lose: the larger of the two sides' amounts, if known. */
  public Long amountAtStake() {
    if (ledgerAmountMinor == null) {
      return providerAmountMinor;
    }
    return providerAmountMinor == null
        ? ledgerAmountMinor
        : Long.valueOf(Math.max(ledgerAmountMinor, providerAmountMinor));
  }

  public String currencyAtStake() {
    return ledgerCurrency != null ? ledgerCurrency : providerCurrency;
  }

  /** One line for an operator: what disagrees, and by how much. */
  public String describe() {
    return kind + " " + id + ": " + detail;
  }
}
