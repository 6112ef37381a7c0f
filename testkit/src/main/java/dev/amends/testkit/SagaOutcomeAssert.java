package dev.amends.testkit;

import dev.amends.saga.Escalation;
import dev.amends.saga.OperatorAction;
import dev.amends.saga.SagaState;
import dev.amends.saga.SagaStatus;
import dev.amends.saga.StepState;
import dev.amends.saga.StepStatus;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.assertj.core.api.AbstractAssert;

/**
 * Assertions on where a saga ended, from its {@link SagaState}:
 *
 * <pre>
 * assertThatSaga(driver.state("order-o-1"))
 *     .isCompensated()
 *     .hasUndone("reserveStock", "chargeCard")
 *     .hasStepSettledBy("chargeCard", OperatorAction.ACCEPT_LOSS, "ana");
 * </pre>
 */
public final class SagaOutcomeAssert extends AbstractAssert<SagaOutcomeAssert, SagaState> {
  /** A step's ends after which nothing of its effect is left to undo. */
  private static final Set<StepStatus> UNDONE =
      EnumSet.of(StepStatus.UNDONE, StepStatus.NOTHING_TO_UNDO);

  private static final Set<StepStatus> SETTLED =
      EnumSet.of(StepStatus.RESOLVED_MANUALLY, StepStatus.LOSS_ACCEPTED);

  private SagaOutcomeAssert(SagaState actual) {
    super(actual, SagaOutcomeAssert.class);
  }

  public static SagaOutcomeAssert assertThatSaga(SagaState state) {
    return new SagaOutcomeAssert(state);
  }

  public SagaOutcomeAssert hasStatus(SagaStatus expected) {
    isNotNull();
    if (actual.status() != expected) {
      failWithMessage(
          "expected saga %s to be %s but it is %s%s",
          actual.sagaId(), expected, actual.status(), describeSteps());
    }
    return this;
  }

  /** Every step ran and is done. */
  public SagaOutcomeAssert isCompleted() {
    hasStatus(SagaStatus.COMPLETED);
    for (StepState step : actual.steps()) {
      if (step.status() != StepStatus.DONE) {
        failWithMessage("completed saga %s has step %s %s", actual.sagaId(), step.name(), step);
      }
    }
    return this;
  }

  /**
   * Compensated, with or without an operator: a final status other than COMPLETED, and every step
   * at an end (done only if closed and discarded, undone, nothing to undo, or settled).
   */
  public SagaOutcomeAssert isCompensated() {
    isNotNull();
    if (actual.status() != SagaStatus.COMPENSATED
        && actual.status() != SagaStatus.COMPENSATED_WITH_OPERATOR) {
      failWithMessage(
          "expected saga %s to be compensated but it is %s%s",
          actual.sagaId(), actual.status(), describeSteps());
    }
    for (StepState step : actual.steps()) {
      switch (step.status()) {
        case RUNNING, DONE, UNDOING, NEEDS_OPERATOR ->
            failWithMessage(
                "compensated saga %s left step %s %s", actual.sagaId(), step.name(), step.status());
        default -> {}
      }
    }
    return this;
  }

  /** Compensated, and no undo needed a person. */
  public SagaOutcomeAssert isCompensatedWithoutOperator() {
    isCompensated();
    return hasStatus(SagaStatus.COMPENSATED);
  }

  /** Compensated, and at least one undo was settled through a recorded decision. */
  public SagaOutcomeAssert isCompensatedWithOperator() {
    isCompensated();
    return hasStatus(SagaStatus.COMPENSATED_WITH_OPERATOR);
  }

  /** Exactly these steps were undone (their undo ran: UNDONE or NOTHING_TO_UNDO), in any order. */
  public SagaOutcomeAssert hasUndoneExactly(String... steps) {
    isNotNull();
    List<String> undone =
        actual.steps().stream()
            .filter(s -> UNDONE.contains(s.status()))
            .map(StepState::name)
            .sorted()
            .toList();
    List<String> expected = List.of(steps).stream().sorted().toList();
    if (!undone.equals(expected)) {
      failWithMessage(
          "expected saga %s to have undone exactly %s but it undid %s%s",
          actual.sagaId(), expected, undone, describeSteps());
    }
    return this;
  }

  /** At least these steps were undone. */
  public SagaOutcomeAssert hasUndone(String... steps) {
    for (String step : steps) {
      hasStep(step, UNDONE, "undone");
    }
    return this;
  }

  public SagaOutcomeAssert hasStepStatus(String step, StepStatus expected) {
    return hasStep(step, EnumSet.of(expected), expected.name());
  }

  /**
   * The step was settled by a person: its status says so, and a recorded decision with this action
   * by this operator closed its newest escalation.
   */
  public SagaOutcomeAssert hasStepSettledBy(String step, OperatorAction action, String operator) {
    if (action == OperatorAction.RETRY) {
      hasStep(step, EnumSet.of(StepStatus.UNDONE, StepStatus.NOTHING_TO_UNDO), "undone on retry");
    } else {
      hasStep(step, SETTLED, "settled by " + action);
    }
    Escalation last =
        actual.escalations().stream()
            .filter(e -> e.step().equals(step) && e.decision() != null)
            .reduce((a, b) -> b)
            .orElse(null);
    if (last == null) {
      failWithMessage("saga %s has no decided escalation on step %s", actual.sagaId(), step);
      return this;
    }
    if (last.decision().action() != action || !last.decision().operator().equals(operator)) {
      failWithMessage(
          "saga %s step %s was settled by %s, not %s by %s",
          actual.sagaId(), step, last.decision(), action, operator);
    }
    if (!last.recorded()) {
      failWithMessage(
          "saga %s escalation %s was decided but its decision is not recorded",
          actual.sagaId(), last.id());
    }
    return this;
  }

  /** No escalation waits for a decision. */
  public SagaOutcomeAssert hasNoOpenEscalation() {
    isNotNull();
    if (!actual.openEscalations().isEmpty()) {
      failWithMessage(
          "saga %s still has open escalations %s",
          actual.sagaId(), actual.openEscalations().stream().map(Escalation::id).toList());
    }
    return this;
  }

  public SagaOutcomeAssert failedAt(String step) {
    isNotNull();
    if (!step.equals(actual.failedStep())) {
      failWithMessage(
          "expected saga %s to fail at %s but it failed at %s (%s)",
          actual.sagaId(), step, actual.failedStep(), actual.failure());
    }
    return this;
  }

  private SagaOutcomeAssert hasStep(String step, Set<StepStatus> expected, String what) {
    isNotNull();
    StepState found =
        actual.steps().stream().filter(s -> s.name().equals(step)).findFirst().orElse(null);
    if (found == null) {
      failWithMessage("saga %s has no step %s%s", actual.sagaId(), step, describeSteps());
    } else if (!expected.contains(found.status())) {
      failWithMessage(
          "expected step %s of saga %s to be %s but it is %s",
          step, actual.sagaId(), what, found.status());
    }
    return this;
  }

  private String describeSteps() {
    return "; steps: "
        + actual.steps().stream().map(s -> s.name() + "=" + s.status()).toList()
        + (actual.failure() == null ? "" : "; failure: " + actual.failure());
  }
}
