package dev.amends.app.ledger;

import dev.amends.activities.ledger.ChainVerification;
import dev.amends.app.reconcile.ChainCheck;
import dev.amends.app.reconcile.Drift;
import dev.amends.app.reconcile.FixOutcome;
import dev.amends.app.reconcile.ReconcileReport;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** What the console's reconciler page shows, from the stored walks and runs. */
final class ReconcilerPage {
  private ReconcilerPage() {}

  /**
   * The chain as its latest walk found it: an admin's from the console, or a reconciler run's,
   * whichever is newer.
   *
   * @param by who walked it: a person's name, or the reconciler run's id
   */
  record ChainStatus(
      boolean intact,
      long headSeq,
      long entriesChecked,
      Long brokenAtSeq,
      String problem,
      Instant at,
      String by,
      boolean byRun) {

    /** Null when nobody and no run has walked the chain yet. */
    static ChainStatus latest(
        Optional<LedgerVerifications.Recorded> console, Optional<ReconcileReport> run) {
      ChainStatus fromConsole = console.map(ChainStatus::of).orElse(null);
      ChainStatus fromRun =
          run.filter(r -> r.chain() != null && r.finishedAtMillis() != null)
              .map(ChainStatus::of)
              .orElse(null);
      if (fromConsole == null || fromRun == null) {
        return fromConsole != null ? fromConsole : fromRun;
      }
      return fromRun.at().isAfter(fromConsole.at()) ? fromRun : fromConsole;
    }

    private static ChainStatus of(LedgerVerifications.Recorded r) {
      ChainVerification c = r.chain();
      return new ChainStatus(
          c.intact(),
          c.headSeq(),
          c.entriesChecked(),
          c.brokenAtSeq(),
          c.problem(),
          r.at(),
          r.by(),
          false);
    }

    private static ChainStatus of(ReconcileReport r) {
      ChainCheck c = r.chain();
      return new ChainStatus(
          c.intact(),
          c.headSeq(),
          c.entriesChecked(),
          c.brokenAtSeq(),
          c.problem(),
          Instant.ofEpochMilli(r.finishedAtMillis()),
          r.runId(),
          true);
    }
  }

  /** One finished reconciler run, as a row of the page's table. */
  record Run(
      String runId,
      String status,
      Instant started,
      Instant finished,
      String chain,
      List<Drift> drifts,
      int moreDrifts,
      List<FixOutcome> actions) {

    static Run of(ReconcileReport r) {
      ChainCheck c = r.chain();
      String chain =
          c == null
              ? "not walked"
              : c.intact()
                  ? "intact up to entry " + c.headSeq()
                  : "broken at entry " + c.brokenAtSeq();
      return new Run(
          r.runId(),
          r.status(),
          Instant.ofEpochMilli(r.startedAtMillis()),
          r.finishedAtMillis() == null ? null : Instant.ofEpochMilli(r.finishedAtMillis()),
          chain,
          r.survey() == null ? List.of() : r.survey().drifts(),
          r.survey() == null ? 0 : r.survey().moreDrifts(),
          r.actions());
    }
  }
}
