package dev.amends.app.reconcile;

import java.util.List;

/**
 * @param ledgerSeqs the ledger entries the fix appended (none when it changed nothing)
 * @param escalationWorkflowId for an escalated drift, the workflow a person settles it in
 */
public record FixOutcome(
    String driftId,
    DriftKind kind,
    FixAction action,
    String detail,
    List<Long> ledgerSeqs,
    String escalationWorkflowId) {

  public static FixOutcome of(Drift drift, FixAction action, String detail, List<Long> ledgerSeqs) {
    return new FixOutcome(drift.id(), drift.kind(), action, detail, List.copyOf(ledgerSeqs), null);
  }

  public static FixOutcome escalated(Drift drift, boolean opened, String workflowId) {
    return new FixOutcome(
        drift.id(),
        drift.kind(),
        opened ? FixAction.ESCALATED : FixAction.ALREADY_ESCALATED,
        drift.describe(),
        List.of(),
        workflowId);
  }
}
