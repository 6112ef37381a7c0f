package dev.amends.app.reconcile;

/** What a reconciler run did about one drift. */
public enum FixAction {
  /** Refunded an unexplained charge and recorded the charge and its refund in the ledger. */
  REFUNDED,
  /** Made the refund the ledger expected, under the refund's own idempotency key. */
  REFUND_REISSUED,
  /** Appended what the system holds and the ledger lacked, as observed entries. */
  LEDGER_COMPLETED,
  /** Opened an escalation for a person, with a runbook. */
  ESCALATED,
  /** An escalation for this drift is open already; nothing new. */
  ALREADY_ESCALATED,
  /** Looked again just before acting and found both sides agree now (a saga caught up). */
  NO_LONGER_DRIFTING
}
