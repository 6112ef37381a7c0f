package dev.amends.app.reconcile;

/**
 * How the effect ledger and an external system's own records disagree. The first three the
 * reconciler settles itself, forward only; the others need a person.
 */
public enum DriftKind {
  /** The system holds a charge that no live saga and no ledger entry explains: refund it. */
  UNEXPLAINED_CHARGE,
  /** The ledger expects a refund the system does not hold: make it (again), same key. */
  MISSING_REFUND,
  /** The system holds what the ledger never recorded, and it balances: record it as observed. */
  LEDGER_GAP,
  /** Ledger and system disagree on an amount or currency. */
  AMOUNT_MISMATCH,
  /** The system holds a payment in a currency that is not a known ISO 4217 code. */
  UNKNOWN_CURRENCY,
  /** The ledger records a charge the system has no record of. */
  LEDGER_WITHOUT_PROVIDER,
  /** The ledger's hash chain is broken: nothing it says can be acted on until a person looks. */
  CHAIN_BROKEN;

  public boolean needsOperator() {
    return this != UNEXPLAINED_CHARGE && this != MISSING_REFUND && this != LEDGER_GAP;
  }
}
