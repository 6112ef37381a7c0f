package dev.amends.app.reconcile;

import dev.amends.saga.Failures;
import io.temporal.activity.ActivityOptions;
import io.temporal.common.RetryOptions;
import io.temporal.failure.ActivityFailure;
import io.temporal.workflow.Workflow;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

public class ReconcilerWorkflowImpl implements ReconcilerWorkflow {
  static final ActivityOptions READS =
      ActivityOptions.newBuilder()
          // A walk of a long chain, or a provider's whole book, takes a while.
          .setStartToCloseTimeout(Duration.ofMinutes(10))
          .setRetryOptions(
              RetryOptions.newBuilder()
                  .setInitialInterval(Duration.ofSeconds(2))
                  .setMaximumInterval(Duration.ofMinutes(1))
                  .setMaximumAttempts(5)
                  .build())
          .build();

  static final ActivityOptions FIXES = fixOptions(5);

  /** A fix that still fails after these attempts becomes a drift for a person. */
  static ActivityOptions fixOptions(int maximumAttempts) {
    return ActivityOptions.newBuilder()
        .setStartToCloseTimeout(Duration.ofSeconds(30))
        .setRetryOptions(
            RetryOptions.newBuilder()
                .setInitialInterval(Duration.ofSeconds(1))
                .setMaximumInterval(Duration.ofSeconds(30))
                .setMaximumAttempts(maximumAttempts)
                .build())
        .build();
  }

  private final ReconcilerActivities reads =
      Workflow.newActivityStub(ReconcilerActivities.class, READS);
  private final ReconcilerActivities fixes =
      Workflow.newActivityStub(ReconcilerActivities.class, FIXES);
  private ReconcileReport report =
      ReconcileReport.started(Workflow.getInfo().getWorkflowId(), Workflow.currentTimeMillis());

  @Override
  public ReconcileReport reconcile(ReconcileInput input) {
    ReconcileInput settings = ReconcileInput.orDefaults(input);
    String runId = report.runId();
    ChainCheck chain = reads.verifyChain(runId);
    report = report.withChain(chain);
    if (!chain.intact()) {
      // Acting on a ledger that was tampered with could refund the wrong charge or pay twice.
      report = report.withActions(List.of(settle(Drift.brokenChain(chain), runId)));
      return finish("CHAIN_BROKEN");
    }
    Survey survey = reads.survey(new SurveyRequest(runId, settings.maxFixes()));
    report = report.withSurvey(survey);
    List<FixOutcome> done = new ArrayList<>();
    for (Drift drift : survey.drifts()) {
      done.add(settle(drift, runId));
      report = report.withActions(done);
    }
    return finish("DONE");
  }

  @Override
  public ReconcileReport report() {
    return report;
  }

  private FixOutcome settle(Drift drift, String runId) {
    FixRequest request = new FixRequest(runId, drift);
    if (drift.kind().needsOperator()) {
      return fixes.escalate(request);
    }
    try {
      return fixes.fix(request);
    } catch (ActivityFailure failed) {
      // A fix that still fails after its retries is a drift the reconciler cannot settle.
      Drift unsettled =
          drift.withDetail(drift.detail() + "; the fix failed: " + Failures.describe(failed));
      return fixes.escalate(new FixRequest(runId, unsettled));
    }
  }

  private ReconcileReport finish(String status) {
    report = report.finished(status, Workflow.currentTimeMillis());
    reads.record(report);
    return report;
  }
}
