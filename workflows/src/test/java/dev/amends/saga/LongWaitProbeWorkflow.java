package dev.amends.saga;

import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityOptions;
import io.temporal.common.RetryOptions;
import io.temporal.common.converter.RawValue;
import io.temporal.failure.ApplicationFailure;
import io.temporal.workflow.Workflow;
import io.temporal.workflow.WorkflowInit;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A saga whose undos run one at a time and use earlier steps' results: a closed quote, then a, b
 * and c, where c fails and b's undo fails until healed.
 */
@WorkflowInterface
public interface LongWaitProbeWorkflow extends SagaWorkflow {
  @WorkflowMethod
  String run(Input input);

  record Input(String id, SagaSettings settings) {}

  record Receipt(String ref) {}

  @ActivityInterface(namePrefix = "LongWaitProbe")
  interface Steps {
    String quote(String id);

    Receipt act(String step);

    UndoOutcome undo(String what);
  }

  /** Remembers every call; b's undo fails until {@link #heal()}. */
  class RecordingSteps implements Steps {
    public final List<String> calls = Collections.synchronizedList(new ArrayList<>());
    private volatile boolean undoOfBFails = true;

    public void heal() {
      undoOfBFails = false;
    }

    @Override
    public String quote(String id) {
      calls.add("quote:" + id);
      return "q-" + id;
    }

    @Override
    public Receipt act(String step) {
      calls.add("act:" + step);
      if (step.equals("c")) {
        throw ApplicationFailure.newNonRetryableFailure("refused", "NO");
      }
      return new Receipt("r-" + step);
    }

    @Override
    public UndoOutcome undo(String what) {
      calls.add("undo:" + what);
      if (undoOfBFails && what.startsWith("b")) {
        throw ApplicationFailure.newNonRetryableFailure("provider down", "DOWN");
      }
      return UndoOutcome.UNDONE;
    }
  }

  class Impl implements LongWaitProbeWorkflow {
    static final SagaDefinition DEFINITION =
        SagaDefinition.named("long-wait-probe")
            .step("quote")
            .closed()
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
    private final Steps undos;

    @WorkflowInit
    public Impl(Input input) {
      this(input, true);
    }

    Impl(Input input, boolean continuesAsNew) {
      AmendsSaga created = new AmendsSaga(DEFINITION, input.settings());
      saga = continuesAsNew ? created.continuesAsNewWith(input) : created;
      undos = Workflow.newActivityStub(Steps.class, saga.undoActivityOptions());
    }

    @Override
    public String run(Input input) {
      return saga.run(
              () -> {
                String quote = saga.closedStep("quote", keys -> steps.quote(input.id()));
                Receipt a =
                    saga.step("a", keys -> steps.act("a"), keys -> undos.undo("a with " + quote));
                Receipt b =
                    saga.step(
                        "b", keys -> steps.act("b"), keys -> undos.undo("b after " + a.ref()));
                saga.step("c", keys -> steps.act("c"), keys -> undos.undo("c after " + b.ref()));
                return "done";
              })
          .orElse("compensated");
    }

    @Override
    public SagaState sagaState() {
      return saga.state();
    }

    @Override
    public void resolveEscalation(RawValue decision) {
      saga.decide(decision);
    }
  }

  /**
   * The same flow, as a worker from before long waits ran it (one run, however long the wait) until
   * {@link #UPGRADED} is set, then as today's; empty the workflow cache when setting it, so that
   * the next task replays the history on today's code, as a worker just upgraded does.
   */
  class UpgradedImpl extends Impl {
    static final AtomicBoolean UPGRADED = new AtomicBoolean();

    @WorkflowInit
    public UpgradedImpl(Input input) {
      super(input, UPGRADED.get());
    }
  }
}
