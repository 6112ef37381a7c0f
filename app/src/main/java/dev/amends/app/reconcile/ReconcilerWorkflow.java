package dev.amends.app.reconcile;

import io.temporal.workflow.QueryMethod;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;

/**
 * Compares the effect ledger with the payment provider's records and settles what disagrees,
 * forward only: refunds and new entries, never an edit or a deletion. Run by a Temporal Schedule
 * ({@link #SCHEDULE_ID}); running it again right after changes nothing.
 */
@WorkflowInterface
public interface ReconcilerWorkflow {
  String SCHEDULE_ID = "amends-reconciler";

  @WorkflowMethod
  ReconcileReport reconcile(ReconcileInput input);

  /** The run's report so far: what it found and what it did. */
  @QueryMethod
  ReconcileReport report();
}
