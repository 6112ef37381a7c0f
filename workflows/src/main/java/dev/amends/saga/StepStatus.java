package dev.amends.saga;

/** A step's progress, forward then (if the saga compensates) backward. */
public enum StepStatus {
  PENDING,
  RUNNING,
  DONE,
  FAILED,
  UNDOING,
  /** The undo ran and reversed the effect. */
  UNDONE,
  /** The undo ran and found no effect to reverse (the step never took effect). */
  NOTHING_TO_UNDO,
  /** Nothing to undo: a closed (RML-1) step's effect is discarded with the worker's memory. */
  DISCARDED,
  /** The undo failed for good; an escalation waits for an operator. */
  NEEDS_OPERATOR,
  /** An operator followed the runbook by hand. */
  RESOLVED_MANUALLY,
  /** An operator wrote the effect off. */
  LOSS_ACCEPTED
}
