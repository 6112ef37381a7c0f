package dev.amends.app.reconcile;

import dev.amends.saga.SagaWorkflow;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;

/**
 * A drift the reconciler cannot settle, waiting for a person. It answers like any saga (query
 * {@code sagaState}, signal {@code resolveEscalation}, {@code SagaStatus="NEEDS_OPERATOR"}), so
 * operators settle it as they settle a failed undo: RETRY after fixing the cause (it looks again,
 * and fixes what it can), RESOLVED_MANUALLY or ACCEPT_LOSS (recorded in the ledger).
 */
@WorkflowInterface
public interface DriftEscalationWorkflow extends SagaWorkflow {
  String SAGA_NAME = "ledger-drift";
  String STEP = "reconcile";
  String UNDO = "settleDrift";
  String RUNBOOK = "docs/runbooks/ledger-drift.md";

  /** One escalation workflow per drift: the same drift found by many runs is escalated once. */
  static String workflowId(Drift drift) {
    return "drift-" + drift.id().replaceAll("[^A-Za-z0-9_.-]", "-");
  }

  @WorkflowMethod
  DriftSettlement settle(DriftEscalationInput input);
}
