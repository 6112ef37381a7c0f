package dev.amends.saga;

/**
 * What a step declares about itself: its world, the name of its undo (a compensation in RML-2, a
 * correction in RML-3), the runbook a person follows when that undo fails, and for RML-3 the
 * external system whose effects the ledger records.
 */
public record StepSpec(String name, World world, String undo, String runbook, String ledger) {

  public boolean hasUndo() {
    return undo != null && !undo.isBlank();
  }

  boolean hasRunbook() {
    return runbook != null && !runbook.isBlank();
  }

  boolean hasLedger() {
    return ledger != null && !ledger.isBlank();
  }
}
