package dev.amends.app.reconcile;

import dev.amends.activities.ledger.ChainVerification;
import dev.amends.activities.ledger.LedgerAnchor;
import dev.amends.activities.ledger.LedgerVerifier;
import dev.amends.saga.metrics.MetricNames;
import io.micrometer.core.instrument.Metrics;
import java.util.List;
import org.springframework.stereotype.Component;

/** Thin adapter: the reconciler's activities over the ledger, the provider and the run store. */
@Component
public class ReconcilerActivitiesImpl implements ReconcilerActivities {
  private final PaymentReconciliation payments;
  private final LedgerVerifier verifier;
  private final ReconcileRuns runs;
  private final LedgerAnchors anchors;
  private final DriftEscalations escalations;

  public ReconcilerActivitiesImpl(
      PaymentReconciliation payments,
      LedgerVerifier verifier,
      ReconcileRuns runs,
      LedgerAnchors anchors,
      DriftEscalations escalations) {
    this.payments = payments;
    this.verifier = verifier;
    this.runs = runs;
    this.anchors = anchors;
    this.escalations = escalations;
  }

  @Override
  public ChainCheck verifyChain(String runId) {
    List<LedgerAnchor> held = anchors.held().all();
    ChainVerification v = verifier.verify(held);
    if (v.intact()) {
      anchors.publishUpTo(v.headSeq());
    }
    return new ChainCheck(
        v.intact(),
        v.entriesChecked(),
        v.headSeq(),
        v.headHash(),
        held.size(),
        v.brokenAtSeq(),
        v.problem());
  }

  @Override
  public Survey survey(SurveyRequest request) {
    Survey survey = payments.survey(request.maxDrifts());
    Metrics.counter(MetricNames.RECONCILER_RUNS).increment();
    for (Drift drift : survey.drifts()) {
      Metrics.counter(MetricNames.RECONCILER_DRIFTS, "kind", drift.kind().name()).increment();
    }
    return survey;
  }

  @Override
  public FixOutcome fix(FixRequest request) {
    FixOutcome outcome = payments.fix(request.drift(), request.runId());
    Metrics.counter(MetricNames.RECONCILER_FIXES, "action", outcome.action().name()).increment();
    return outcome;
  }

  @Override
  public FixOutcome escalate(FixRequest request) {
    boolean opened = escalations.open(request.drift(), request.runId());
    return FixOutcome.escalated(
        request.drift(), opened, DriftEscalationWorkflow.workflowId(request.drift()));
  }

  @Override
  public void record(ReconcileReport report) {
    runs.save(report);
  }

  @Override
  public Drift recheck(FixRequest request) {
    Drift drift = request.drift();
    if (drift.kind() == DriftKind.CHAIN_BROKEN) {
      ChainCheck chain = verifyChain(request.runId());
      return chain.intact() ? null : Drift.brokenChain(chain);
    }
    return payments.recheck(drift.callKey()).orElse(null);
  }

  @Override
  public List<Long> recordSettlement(Settlement settlement) {
    if (settlement.drift().kind() == DriftKind.CHAIN_BROKEN) {
      // A broken chain is settled outside the ledger (restored, or explained); the escalation
      // store keeps the decision.
      return List.of();
    }
    return payments.recordSettlement(settlement);
  }
}
