package dev.amends.saga;

import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityOptions;
import io.temporal.common.RetryOptions;
import io.temporal.workflow.Workflow;
import io.temporal.workflow.WorkflowInit;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** A three-step saga whose undos must run one at a time, newest first. */
@WorkflowInterface
public interface ProbeWorkflow extends SagaWorkflow {
  @WorkflowMethod
  String run(String failAt);

  @ActivityInterface(namePrefix = "Probe")
  interface Steps {
    String act(String step);

    UndoOutcome undo(String step);
  }

  /** Remembers every call, in order. */
  class RecordingSteps implements Steps {
    public final List<String> calls = Collections.synchronizedList(new ArrayList<>());

    @Override
    public String act(String step) {
      calls.add("act:" + step);
      if (step.startsWith("!")) {
        throw io.temporal.failure.ApplicationFailure.newNonRetryableFailure("refused", "NO");
      }
      return step;
    }

    @Override
    public UndoOutcome undo(String step) {
      calls.add("undo:" + step);
      return UndoOutcome.UNDONE;
    }
  }

  class Impl implements ProbeWorkflow {
    static final SagaDefinition SEQUENTIAL =
        SagaDefinition.named("probe")
            .step("a")
            .dialog()
            .undo("undoA")
            .runbook("r")
            .step("b")
            .dialog()
            .undo("undoB")
            .runbook("r")
            .step("c")
            .dialog()
            .undo("undoC")
            .runbook("r")
            .build();

    private final AmendsSaga saga;
    private final Steps steps =
        Workflow.newActivityStub(
            Steps.class,
            ActivityOptions.newBuilder()
                .setStartToCloseTimeout(Duration.ofSeconds(5))
                .setRetryOptions(RetryOptions.newBuilder().setMaximumAttempts(1).build())
                .build());

    @WorkflowInit
    public Impl(String failAt) {
      saga = new AmendsSaga(SEQUENTIAL, SagaSettings.DEFAULTS);
    }

    @Override
    public String run(String failAt) {
      return saga.run(
              () -> {
                for (String step : List.of("a", "b", "c")) {
                  saga.step(
                      step,
                      keys -> steps.act(step.equals(failAt) ? "!" + step : step),
                      keys -> steps.undo(step));
                }
                return "done";
              })
          .orElse("compensated");
    }

    @Override
    public SagaState sagaState() {
      return saga.state();
    }

    @Override
    public void resolveEscalation(io.temporal.common.converter.RawValue decision) {
      saga.decide(decision);
    }
  }
}
