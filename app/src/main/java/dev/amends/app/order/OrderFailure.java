package dev.amends.app.order;

/** The types of the order flow's non-retryable business failures. */
public enum OrderFailure {
  INVALID_ORDER,
  OUT_OF_STOCK,
  CARD_DECLINED,
  UNDELIVERABLE,
  MAIL_REJECTED,
  /** The mail left, but its acknowledgement was lost: the step failed after taking effect. */
  MAIL_ACK_LOST,
  /** An undo refused by a system until an operator heals it (sandbox fault). */
  UNDO_BLOCKED
}
