package dev.amends.saga;

/** What an operator can decide about an undo that failed for good. */
public enum OperatorAction {
  /** Run the undo again, with the same idempotency key, after fixing its cause. */
  RETRY,
  /** The runbook was followed by hand; the note says what was done and where the evidence is. */
  RESOLVED_MANUALLY,
  /** The effect is written off; the note gives the reason. */
  ACCEPT_LOSS;

  public boolean needsNote() {
    return this != RETRY;
  }
}
