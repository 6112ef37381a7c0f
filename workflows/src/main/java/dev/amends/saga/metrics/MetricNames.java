package dev.amends.saga.metrics;

import java.util.List;

/**
 * Every metric amends exports, by its Micrometer name. Prometheus adds {@code _total} to counters
 * and {@code _seconds} (with {@code _count}, {@code _sum}, {@code _max}) to timers; docs, the
 * dashboard and the alert rules use the Prometheus form. Labels never carry private data: only the
 * flow, step, world, action, kind or outcome.
 */
public final class MetricNames {
  private MetricNames() {}

  // Counted in workflow code, through the workflow's metrics scope (a replay counts nothing).

  /** Counter {flow}: sagas whose run began. */
  public static final String SAGAS_STARTED = "amends_sagas_started";

  /** Counter {flow}: sagas that ran every step. */
  public static final String SAGAS_COMPLETED = "amends_sagas_completed";

  /** Counter {flow}: sagas compensated without a person. */
  public static final String SAGAS_COMPENSATED = "amends_sagas_compensated";

  /** Counter {flow}: sagas compensated after at least one escalation. */
  public static final String SAGAS_COMPENSATED_WITH_OPERATOR =
      "amends_sagas_compensated_with_operator";

  /** Counter {flow, step, world}: undo runs (the first and each after a RETRY decision). */
  public static final String UNDO_ATTEMPTS = "amends_undo_attempts";

  /** Counter {flow, step, world}: undo runs that failed for good and escalated. */
  public static final String UNDO_ESCALATED = "amends_undo_escalated";

  /** Counter {flow, step, world}: escalations opened (undos and ledger drifts). */
  public static final String ESCALATIONS_OPENED = "amends_escalations_opened";

  /**
   * Counter {flow, action}: accepted decisions (RETRY, RESOLVED_MANUALLY, ACCEPT_LOSS, APPROVE,
   * REJECT).
   */
  public static final String DECISIONS = "amends_decisions";

  /** Counter {flow}: decisions refused as malformed, unknown or stale. */
  public static final String DECISIONS_REJECTED = "amends_decisions_rejected";

  // Read from the escalation store, cached for a few seconds.

  /** Gauge {flow, world}: escalations waiting for a decision. */
  public static final String ESCALATIONS_OPEN = "amends_escalations_open";

  /** Gauge {flow, world}: age of the oldest open escalation, seconds; 0 when none. */
  public static final String ESCALATION_OLDEST_AGE = "amends_escalation_oldest_age_seconds";

  /** Gauge {flow}: write-offs waiting for an approver. */
  public static final String APPROVALS_PENDING = "amends_approvals_pending";

  // Counted by activities and the REST layer.

  /** Counter {flow, kind}: alerts delivered (to the log, or the log and a webhook). */
  public static final String ALERTS_SENT = "amends_alerts_sent";

  /** Counter {flow, kind}: alerts whose webhook delivery failed for good. */
  public static final String ALERTS_FAILED = "amends_alerts_failed";

  /** Counter: entries handed to the effect ledger (a repeated key returns the stored entry). */
  public static final String LEDGER_APPENDS = "amends_ledger_appends";

  /** Timer: how long one append (one transaction) takes. */
  public static final String LEDGER_APPEND = "amends_ledger_append";

  /** Gauge: 1 when the last chain verification found the chain intact, 0 when broken. */
  public static final String LEDGER_CHAIN_INTACT = "amends_ledger_chain_intact";

  /** Counter: reconciler surveys run. */
  public static final String RECONCILER_RUNS = "amends_reconciler_runs";

  /** Counter {kind}: drifts the reconciler found. */
  public static final String RECONCILER_DRIFTS = "amends_reconciler_drifts";

  /** Counter {action}: drifts the reconciler settled itself. */
  public static final String RECONCILER_FIXES = "amends_reconciler_fixes";

  /** Counter: story edits accepted. */
  public static final String STORY_EDITS = "amends_story_edits";

  /** Counter {outcome}: undo answers (DISCARDED, UNDONE, CONFLICT, EXPIRED, BEYOND_UNDO_DEPTH). */
  public static final String STORY_UNDOS = "amends_story_undos";

  /** Counter: story rollbacks. */
  public static final String STORY_ROLLBACKS = "amends_story_rollbacks";

  /**
   * Counter {activity}: alerts that an activity keeps failing without a refusal (an outage), raised
   * each time its attempts pass another multiple of amends.retry-alert-after-attempts.
   */
  public static final String ACTIVITY_RETRY_ALERTS = "amends_activity_retry_alerts";

  /** Every name above, in the order listed. */
  public static final List<String> ALL =
      List.of(
          SAGAS_STARTED,
          SAGAS_COMPLETED,
          SAGAS_COMPENSATED,
          SAGAS_COMPENSATED_WITH_OPERATOR,
          UNDO_ATTEMPTS,
          UNDO_ESCALATED,
          ESCALATIONS_OPENED,
          DECISIONS,
          DECISIONS_REJECTED,
          ESCALATIONS_OPEN,
          ESCALATION_OLDEST_AGE,
          APPROVALS_PENDING,
          ALERTS_SENT,
          ALERTS_FAILED,
          LEDGER_APPENDS,
          LEDGER_APPEND,
          LEDGER_CHAIN_INTACT,
          RECONCILER_RUNS,
          RECONCILER_DRIFTS,
          RECONCILER_FIXES,
          STORY_EDITS,
          STORY_UNDOS,
          STORY_ROLLBACKS,
          ACTIVITY_RETRY_ALERTS);
}
