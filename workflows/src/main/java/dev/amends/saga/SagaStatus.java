package dev.amends.saga;

/**
 * Where a saga stands, as the {@code SagaStatus} search attribute and the {@code sagaState} query
 * show it. The last three are final: a saga is never left silently half-undone.
 */
public enum SagaStatus {
  RUNNING,
  COMPENSATING,
  NEEDS_OPERATOR,
  /** A write-off was requested and waits for a second person, an approver. */
  AWAITING_APPROVAL,
  COMPLETED,
  COMPENSATED,
  /** Compensated, and at least one undo needed a person to reach its end. */
  COMPENSATED_WITH_OPERATOR;

  public boolean isFinal() {
    return this == COMPLETED || this == COMPENSATED || this == COMPENSATED_WITH_OPERATOR;
  }
}
