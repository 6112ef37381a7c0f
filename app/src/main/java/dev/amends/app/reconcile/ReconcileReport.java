package dev.amends.app.reconcile;

import java.util.List;

/**
 * One reconciler run: what it found and what it did. Visible while it runs (query {@code report})
 * and after (the REST API reads the stored report).
 *
 * @param status RUNNING, DONE, or CHAIN_BROKEN (the run stopped before acting on a ledger it cannot
 *     trust)
 * @param survey null until the comparison is done
 */
public record ReconcileReport(
    String runId,
    String status,
    long startedAtMillis,
    Long finishedAtMillis,
    ChainCheck chain,
    Survey survey,
    List<FixOutcome> actions) {

  static ReconcileReport started(String runId, long now) {
    return new ReconcileReport(runId, "RUNNING", now, null, null, null, List.of());
  }

  ReconcileReport withChain(ChainCheck checked) {
    return new ReconcileReport(runId, status, startedAtMillis, null, checked, survey, actions);
  }

  ReconcileReport withSurvey(Survey found) {
    return new ReconcileReport(runId, status, startedAtMillis, null, chain, found, actions);
  }

  ReconcileReport withActions(List<FixOutcome> done) {
    return new ReconcileReport(
        runId, status, startedAtMillis, null, chain, survey, List.copyOf(done));
  }

  ReconcileReport finished(String endStatus, long now) {
    return new ReconcileReport(runId, endStatus, startedAtMillis, now, chain, survey, actions);
  }

  /**
   * Whether the run changed anything: appended to the ledger, moved money, or opened an escalation.
   */
  public boolean changedAnything() {
    return actions.stream()
        .anyMatch(
            a ->
                a.action() != FixAction.ALREADY_ESCALATED
                    && a.action() != FixAction.NO_LONGER_DRIFTING);
  }
}
