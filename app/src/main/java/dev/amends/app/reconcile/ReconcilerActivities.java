package dev.amends.app.reconcile;

import io.temporal.activity.ActivityInterface;
import java.util.List;

/**
 * The reconciler's reads and forward-only fixes. Every fix looks at both sides again just before it
 * acts (a saga may have caught up since the survey), and is idempotent: a retried fix, or the same
 * drift fixed by two runs, moves money once and appends each entry once.
 */
@ActivityInterface(namePrefix = "Reconcile")
public interface ReconcilerActivities {

  /** Walks the ledger's chain, held to the heads recorded by earlier runs. */
  ChainCheck verifyChain(String runId);

  /** Compares the ledger with the payment provider's own records. */
  Survey survey(SurveyRequest request);

  /**
   * Settles a drift the reconciler may settle itself (UNEXPLAINED_CHARGE: refund it and record
   * both; MISSING_REFUND: make the refund under its own key; LEDGER_GAP: record what the provider
   * holds), from wherever it stands now: a fix interrupted half-way is carried on.
   */
  FixOutcome fix(FixRequest request);

  /** Opens the drift's escalation (a {@link DriftEscalationWorkflow}) unless one is open. */
  FixOutcome escalate(FixRequest request);

  /** Stores the finished report, and with it the chain head later runs are held to. */
  void record(ReconcileReport report);

  /** The drift as both sides show it now; null when they agree again. */
  Drift recheck(FixRequest request);

  /**
   * Records an operator's settlement of a drift in the ledger (RESOLVED_MANUALLY as SETTLED,
   * ACCEPT_LOSS as WRITTEN_OFF), so that later runs leave the effect to the person who owns it.
   * Returns the entries appended.
   */
  List<Long> recordSettlement(Settlement settlement);
}
