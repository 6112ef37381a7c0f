package dev.amends.app.reconcile;

import dev.amends.saga.AmendsSaga;
import dev.amends.saga.Escalation;
import dev.amends.saga.EscalationDesk;
import dev.amends.saga.Failures;
import dev.amends.saga.OperatorAction;
import dev.amends.saga.OperatorDecision;
import dev.amends.saga.SagaResume;
import dev.amends.saga.SagaSettings;
import dev.amends.saga.SagaState;
import dev.amends.saga.SagaStatus;
import dev.amends.saga.SagaStatusAttribute;
import dev.amends.saga.StepState;
import dev.amends.saga.StepStatus;
import dev.amends.saga.World;
import io.temporal.common.converter.RawValue;
import io.temporal.failure.ActivityFailure;
import io.temporal.workflow.ContinueAsNewOptions;
import io.temporal.workflow.Workflow;
import io.temporal.workflow.WorkflowInfo;
import io.temporal.workflow.WorkflowInit;
import java.util.List;
import java.util.Map;

public class DriftEscalationWorkflowImpl implements DriftEscalationWorkflow {
  private final String id = Workflow.getInfo().getWorkflowId();
  private final EscalationDesk desk;
  private final ReconcilerActivities activities;
  private Drift drift;
  private StepStatus stepStatus = StepStatus.PENDING;
  private final SagaStatusAttribute status = new SagaStatusAttribute();
  private final SagaSettings settings;
  private final DriftEscalationInput input;
  private final SagaResume resume;

  @WorkflowInit
  public DriftEscalationWorkflowImpl(DriftEscalationInput input) {
    this.input = input;
    settings = SagaSettings.orDefaults(input.settings());
    desk = new EscalationDesk(settings, SAGA_NAME);
    drift = input.drift();
    activities =
        Workflow.newActivityStub(
            ReconcilerActivities.class,
            ReconcilerWorkflowImpl.fixOptions(settings.undoMaximumAttempts()));
    resume = SagaResume.carriedOver();
    if (resume != null) {
      status.restore(resume.status(), resume.published());
      stepStatus = resume.steps().get(0).status();
      desk.restore(resume);
    }
    desk.onRest(this::continueAsNewIfLong);
  }

  @Override
  public DriftSettlement settle(DriftEscalationInput input) {
    String carried = resume == null ? null : openEscalation();
    // Each round opens one escalation: a carried one is the last round, else the next is new.
    int first = desk.escalations().size() + (carried == null ? 1 : 0);
    for (int round = first; ; round++) {
      String escalationId;
      OperatorDecision decision;
      if (carried != null) {
        // The run this one continues opened it, recorded and alerted it: wait on, the same id.
        escalationId = carried;
        decision = desk.awaitRestored(carried, this::awaitPeople);
        carried = null;
      } else {
        Escalation opened = escalation(round);
        escalationId = opened.id();
        decision = desk.await(opened, this::awaitPeople);
      }
      status.publish(SagaStatus.COMPENSATING);
      if (decision.action() != OperatorAction.RETRY) {
        List<Long> appended =
            activities.recordSettlement(new Settlement(id, escalationId, drift, decision));
        stepStatus =
            decision.action() == OperatorAction.ACCEPT_LOSS
                ? StepStatus.LOSS_ACCEPTED
                : StepStatus.RESOLVED_MANUALLY;
        return end(decision.action().name(), decision, appended);
      }
      Drift now = activities.recheck(new FixRequest(id, drift));
      if (now == null) {
        stepStatus = StepStatus.NOTHING_TO_UNDO;
        return end("NO_LONGER_DRIFTING", decision, List.of());
      }
      drift = now;
      if (!now.kind().needsOperator()) {
        try {
          FixOutcome fixed = activities.fix(new FixRequest(id, now));
          stepStatus = StepStatus.UNDONE;
          return end("FIXED", decision, fixed.ledgerSeqs());
        } catch (ActivityFailure failed) {
          drift =
              now.withDetail(now.detail() + "; the fix failed again: " + Failures.describe(failed));
        }
      }
    }
  }

  @Override
  public SagaState sagaState() {
    StepState step =
        new StepState(STEP, World.HISTORY, stepStatus, drift.callKey(), null, drift.describe());
    return new SagaState(
        id,
        SAGA_NAME,
        status.current(),
        List.of(step),
        desk.escalations(),
        desk.rejectedDecisions(),
        desk.rejectedDecisionCount(),
        STEP,
        drift.describe());
  }

  @Override
  public void resolveEscalation(RawValue decision) {
    desk.decide(decision);
  }

  private Escalation escalation(int round) {
    return Escalation.opened(
        STEP + "-" + round,
        id,
        SAGA_NAME,
        STEP,
        World.HISTORY,
        UNDO,
        drift.describe(),
        round,
        RUNBOOK,
        Workflow.currentTimeMillis(),
        drift.amountAtStake(),
        drift.currencyAtStake());
  }

  private void awaitPeople(SagaStatus stands) {
    stepStatus = StepStatus.NEEDS_OPERATOR;
    status.publish(stands);
  }

  // --- long waits ---------------------------------------------------------------------------

  /**
   * Told by the desk after each re-alert, while the one wait rests: past the threshold (or when the
   * server suggests it) continues as new, the drift as the new run's input and the desk and status
   * in its memo, so a drift may wait for months without its history growing. Guarded as the sagas'
   * long wait is: asked only past the threshold, so shorter histories stay as they were.
   */
  private void continueAsNewIfLong() {
    WorkflowInfo info = Workflow.getInfo();
    if (info.getHistoryLength() < settings.continueAsNewAfterEvents()
        && !info.isContinueAsNewSuggested()) {
      return;
    }
    if (desk.resting() != 1 || !desk.nothingUnhandled()) {
      return;
    }
    String change = AmendsSaga.LONG_WAIT_CHANGE + "@" + info.getHistoryLength();
    if (Workflow.getVersion(change, Workflow.DEFAULT_VERSION, 1) == Workflow.DEFAULT_VERSION) {
      return;
    }
    Workflow.await(Workflow::isEveryHandlerFinished);
    SagaResume carry =
        new SagaResume(
            info.getRunId(),
            status.current(),
            status.published(),
            true,
            false,
            false,
            STEP,
            drift.describe(),
            List.of(
                new SagaResume.Step(
                    STEP,
                    stepStatus,
                    drift.describe(),
                    0,
                    desk.escalations().size(),
                    drift.amountAtStake(),
                    drift.currencyAtStake(),
                    false,
                    null)),
            desk.escalations(),
            desk.rejectedDecisions(),
            desk.rejectedDecisionCount(),
            desk.fourEyes());
    Workflow.continueAsNew(
        ContinueAsNewOptions.newBuilder().setMemo(Map.of(SagaResume.MEMO, carry)).build(),
        new DriftEscalationInput(drift, input.settings(), input.openedByRunId()));
  }

  private String openEscalation() {
    return desk.escalations().stream()
        .filter(Escalation::awaitsDecision)
        .map(Escalation::id)
        .findFirst()
        .orElse(null);
  }

  private DriftSettlement end(String outcome, OperatorDecision decision, List<Long> appended) {
    status.publish(SagaStatus.COMPENSATED_WITH_OPERATOR);
    return new DriftSettlement(drift.id(), outcome, decision.operator(), decision.note(), appended);
  }
}
