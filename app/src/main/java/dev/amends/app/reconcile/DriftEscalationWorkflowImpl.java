package dev.amends.app.reconcile;

import dev.amends.saga.Escalation;
import dev.amends.saga.EscalationDesk;
import dev.amends.saga.Failures;
import dev.amends.saga.OperatorAction;
import dev.amends.saga.OperatorDecision;
import dev.amends.saga.SagaSettings;
import dev.amends.saga.SagaState;
import dev.amends.saga.SagaStatus;
import dev.amends.saga.SagaStatusAttribute;
import dev.amends.saga.StepState;
import dev.amends.saga.StepStatus;
import dev.amends.saga.World;
import io.temporal.common.converter.RawValue;
import io.temporal.failure.ActivityFailure;
import io.temporal.workflow.Workflow;
import io.temporal.workflow.WorkflowInit;
import java.util.List;

public class DriftEscalationWorkflowImpl implements DriftEscalationWorkflow {
  private final String id = Workflow.getInfo().getWorkflowId();
  private final EscalationDesk desk;
  private final ReconcilerActivities activities;
  private Drift drift;
  private StepStatus stepStatus = StepStatus.PENDING;
  private final SagaStatusAttribute status = new SagaStatusAttribute();

  @WorkflowInit
  public DriftEscalationWorkflowImpl(DriftEscalationInput input) {
    SagaSettings settings = SagaSettings.orDefaults(input.settings());
    desk = new EscalationDesk(settings, SAGA_NAME);
    drift = input.drift();
    activities =
        Workflow.newActivityStub(
            ReconcilerActivities.class,
            ReconcilerWorkflowImpl.fixOptions(settings.undoMaximumAttempts()));
  }

  @Override
  public DriftSettlement settle(DriftEscalationInput input) {
    for (int round = 1; ; round++) {
      Escalation opened = escalation(round);
      OperatorDecision decision = desk.await(opened, this::awaitPeople);
      status.publish(SagaStatus.COMPENSATING);
      if (decision.action() != OperatorAction.RETRY) {
        List<Long> appended =
            activities.recordSettlement(new Settlement(id, opened.id(), drift, decision));
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

  private DriftSettlement end(String outcome, OperatorDecision decision, List<Long> appended) {
    status.publish(SagaStatus.COMPENSATED_WITH_OPERATOR);
    return new DriftSettlement(drift.id(), outcome, decision.operator(), decision.note(), appended);
  }
}
