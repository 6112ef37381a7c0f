package dev.amends.saga;

import dev.amends.saga.metrics.MetricNames;
import io.temporal.activity.ActivityOptions;
import io.temporal.common.RetryOptions;
import io.temporal.common.SearchAttributeKey;
import io.temporal.common.converter.RawValue;
import io.temporal.failure.CanceledFailure;
import io.temporal.failure.TemporalFailure;
import io.temporal.workflow.CancellationScope;
import io.temporal.workflow.ContinueAsNewOptions;
import io.temporal.workflow.Saga;
import io.temporal.workflow.Workflow;
import io.temporal.workflow.WorkflowInfo;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;
import org.slf4j.Logger;

/**
 * The saga core: runs a flow's steps under a {@link SagaDefinition}, registers each undo with
 * {@link Saga#addCompensation} before its step's call, compensates in reverse order in a detached
 * cancellation scope, and turns an undo that fails for good into an escalation an operator settles.
 *
 * <p>Create it in the workflow's {@code @WorkflowInit} constructor (so that queries and signals
 * arriving before the workflow method runs find it) and delegate {@link SagaWorkflow}'s methods to
 * {@link #state()} and {@link #decide(RawValue)}:
 *
 * <pre>
 * Optional&lt;Receipt&gt; done = saga.run(() -&gt; {
 *   Quote quote = saga.closedStep("price", keys -&gt; activities.price(order));
 *   saga.step("reserve", keys -&gt; activities.reserve(keys.doKey(), quote),
 *                        keys -&gt; activities.release(keys.undoKey(), keys.doKey()));
 *   return ...;
 * });
 * </pre>
 *
 * <p>On the happy path it adds no command to the history: the status search attribute is written
 * only once the saga leaves that path.
 *
 * <p>Given the workflow's arguments ({@link #continuesAsNewWith}), a saga that waits long for an
 * operator continues as new before its history grows large, and carries its state over (see
 * docs/operations.md, "Long waits").
 */
public final class AmendsSaga {
  /** The Keyword search attribute operators query, e.g. {@code SagaStatus="NEEDS_OPERATOR"}. */
  public static final SearchAttributeKey<String> SAGA_STATUS =
      SearchAttributeKey.forKeyword("SagaStatus");

  /** The change id under which undos of a parallel-undo definition began to run at once. */
  static final String PARALLEL_UNDO_CHANGE = "amends-parallel-undo";

  /**
   * The change under which a saga waiting for an operator continues as new before its history grows
   * large, asked as {@code amends-long-wait@<history length>}. Histories from before it replay as
   * they ran: one run, however long the wait.
   */
  public static final String LONG_WAIT_CHANGE = "amends-long-wait";

  private static final Logger log = Workflow.getLogger(AmendsSaga.class);

  private final SagaDefinition definition;
  private final SagaSettings settings;
  private final String sagaId;
  private final Saga sequentialUndos;
  private final Saga parallelUndos;
  private final EscalationDesk desk;
  private final Map<String, StepRun> steps = new LinkedHashMap<>();
  private final SagaStatusAttribute status = new SagaStatusAttribute();
  private final PrivateText privateText = new PrivateText();
  private boolean operatorInvolved;
  private String failedStep;
  private String failure;
  private boolean cancelled;
  private boolean parallel;

  /** The workflow method's arguments, to continue as new with; null: the saga never does. */
  private Object[] workflowArguments;

  /** Set when this run continues one that waited for an operator; null otherwise. */
  private final SagaResume resume;

  /** Undos under way, to tell when every one of them rests in a wait for a person. */
  private int undosRunning;

  public AmendsSaga(SagaDefinition definition, SagaSettings settings) {
    this.definition = definition.requireValid();
    this.settings = SagaSettings.orDefaults(settings);
    this.sagaId = Workflow.getInfo().getWorkflowId();
    // Each undo is registered with both: which one runs is settled (and versioned) only when
    // compensation starts, so that the happy path records no version marker.
    this.sequentialUndos = newSaga(false);
    this.parallelUndos = definition.parallelUndo() ? newSaga(true) : null;
    this.desk = new EscalationDesk(this.settings, definition.name());
    for (StepSpec spec : definition.steps()) {
      steps.put(spec.name(), new StepRun(spec, StepKeys.of(sagaId, spec.name())));
    }
    desk.onRest(this::continueAsNewIfLong);
    this.resume = SagaResume.carriedOver();
    if (resume != null) {
      restore(resume);
    }
  }

  /**
   * Lets the saga continue as new while it waits for an operator, before its history grows large:
   * the new run gets the same arguments and carries the saga's state over, so operators see one
   * saga throughout (same workflow id, same {@code sagaState}). Pass the workflow method's
   * arguments, in order, from the {@code @WorkflowInit} constructor. Without them the saga waits in
   * one run, however long.
   *
   * <p>In the new run, the flow runs again in a restore mode: each step that had completed returns
   * its recorded result without calling its activity, and registers its undo again; the first step
   * that had not completed ends the flow, and compensation resumes where it stood. So what the flow
   * does between steps must be workflow code without commands of its own (no timers, activities or
   * child workflows outside steps), and a step's result must be a type the data converter can read
   * back by its class (a record or bean; not a generic collection).
   */
  public AmendsSaga continuesAsNewWith(Object... workflowArguments) {
    this.workflowArguments = workflowArguments.clone();
    return this;
  }

  private static Saga newSaga(boolean parallel) {
    return new Saga(
        new Saga.Options.Builder()
            .setParallelCompensation(parallel)
            // Undos never throw to Saga: each failure becomes an escalation. Anything else is a
            // bug and must surface, never be swallowed.
            .setContinueWithError(false)
            .build());
  }

  /**
   * Values of this run's input that must never appear in what the saga records as text: a step's or
   * an undo's error, the saga's failure, an escalation (and so its alert). A flow names its
   * customer's e-mail address, postal address and card token here; e-mail addresses are masked
   * anyway. Failure messages of activities are encrypted in the history by the codec, but these
   * texts are also shown by the API and the console, and sent in alerts.
   */
  public AmendsSaga keepPrivate(String... values) {
    privateText.add(values);
    return this;
  }

  private String describe(Throwable failure) {
    return privateText.scrub(Failures.describe(failure));
  }

  /**
   * Options for the activity stubs a flow's undos call: the retry policy after which a failing undo
   * escalates to an operator.
   */
  public ActivityOptions undoActivityOptions() {
    return ActivityOptions.newBuilder()
        .setStartToCloseTimeout(Duration.ofSeconds(10))
        .setRetryOptions(
            RetryOptions.newBuilder()
                .setInitialInterval(Duration.ofSeconds(1))
                .setBackoffCoefficient(2)
                .setMaximumInterval(Duration.ofSeconds(30))
                .setMaximumAttempts(settings.undoMaximumAttempts())
                .build())
        .build();
  }

  /**
   * Runs the flow. Returns its result when every step succeeded; otherwise compensates and returns
   * empty once every undo has reached an end (by itself or through an operator). When the workflow
   * is cancelled it compensates first, then rethrows the cancellation.
   */
  public <R> Optional<R> run(Supplier<R> flow) {
    if (resume != null) {
      return resumeCompensation(flow);
    }
    SagaMetrics.saga(MetricNames.SAGAS_STARTED, definition.name());
    try {
      R result = flow.get();
      status.note(SagaStatus.COMPLETED);
      SagaMetrics.saga(MetricNames.SAGAS_COMPLETED, definition.name());
      return Optional.of(result);
    } catch (TemporalFailure stepFailure) {
      // A cancellation may surface as the cancelled activity's failure; either way it compensates.
      cancelled = CancellationScope.current().isCancelRequested();
      if (failure == null) {
        failure = cancelled ? "cancelled" : describe(stepFailure);
      }
      compensate();
      if (cancelled) {
        throw stepFailure instanceof CanceledFailure c
            ? c
            : new CanceledFailure("saga cancelled; compensated");
      }
      return Optional.empty();
    }
  }

  /** Runs a closed (RML-1) step: its effect stays in the worker, so nothing is registered. */
  public <R> R closedStep(String stepName, Function<StepKeys, R> action) {
    StepRun step = declared(stepName, World.CLOSED);
    return perform(step, action);
  }

  /**
   * Runs a dialog (RML-2) or history (RML-3) step. Its undo is registered before the call: a call
   * that failed or timed out may still have taken effect, so the undo runs either way and reports
   * {@link UndoOutcome#NOTHING_TO_UNDO} when there was none.
   */
  public <R> R step(
      String stepName, Function<StepKeys, R> action, Function<StepKeys, UndoOutcome> undo) {
    StepRun step = declared(stepName, null);
    if (undo == null) {
      throw new IllegalArgumentException("step '" + stepName + "' needs its undo");
    }
    step.undo = undo;
    sequentialUndos.addCompensation(() -> undo(step));
    if (parallelUndos != null) {
      parallelUndos.addCompensation(() -> undo(step));
    }
    return perform(step, action);
  }

  /** Applies an operator decision signal; anything malformed, unknown or stale is recorded. */
  public void decide(RawValue received) {
    desk.decide(received);
  }

  /**
   * Declares what a step puts at stake (a charge's amount), so that writing it off can be held for
   * approval only at or above the configured threshold. Records nothing in the history.
   */
  public void atStake(String stepName, long amountMinor, String currency) {
    StepRun step = declared(stepName, null);
    step.amountMinor = amountMinor;
    step.currency = currency;
  }

  public SagaState state() {
    List<StepState> stepStates = new ArrayList<>();
    for (StepRun step : steps.values()) {
      stepStates.add(step.state());
    }
    return new SagaState(
        sagaId,
        definition.name(),
        status.current(),
        stepStates,
        desk.escalations(),
        desk.rejectedDecisions(),
        desk.rejectedDecisionCount(),
        failedStep,
        failure);
  }

  public SagaStatus status() {
    return status.current();
  }

  private StepRun declared(String stepName, World expected) {
    StepRun step = steps.get(stepName);
    if (step == null) {
      throw new IllegalStateException(
          "saga '" + definition.name() + "' has no step '" + stepName + "' in its definition");
    }
    World world = step.spec.world();
    boolean closed = world == World.CLOSED;
    if (expected == World.CLOSED && !closed) {
      throw new IllegalStateException(
          "step '" + stepName + "' is " + world.level() + ": run it with step(...) and its undo");
    }
    if (expected == null && closed) {
      throw new IllegalStateException(
          "step '" + stepName + "' is RML-1 (closed): run it with closedStep(...), no undo");
    }
    return step;
  }

  private <R> R perform(StepRun step, Function<StepKeys, R> action) {
    if (resume != null) {
      return restoredResult(step, action);
    }
    step.status = StepStatus.RUNNING;
    try {
      R result = action.apply(step.keys);
      step.status = StepStatus.DONE;
      step.completed = true;
      step.result = result;
      return result;
    } catch (TemporalFailure stepFailure) {
      step.status = StepStatus.FAILED;
      step.error = describe(stepFailure);
      failedStep = step.spec.name();
      failure = step.error;
      throw stepFailure;
    }
  }

  private void compensate() {
    if (resume == null) {
      // Histories recorded before this change replay with DEFAULT_VERSION: one undo at a time.
      parallel =
          parallelUndos != null
              && Workflow.getVersion(PARALLEL_UNDO_CHANGE, Workflow.DEFAULT_VERSION, 1) == 1;
      status.publish(SagaStatus.COMPENSATING);
    }
    // A continued run keeps the choice its first run made, and where the saga stood.
    Saga undos = parallel && parallelUndos != null ? parallelUndos : sequentialUndos;
    // Detached: a cancelled saga must still undo what it did.
    Workflow.newDetachedCancellationScope(undos::compensate).run();
    for (StepRun step : steps.values()) {
      if (step.spec.world() == World.CLOSED && step.status == StepStatus.DONE) {
        step.status = StepStatus.DISCARDED;
      }
    }
    status.publish(
        operatorInvolved ? SagaStatus.COMPENSATED_WITH_OPERATOR : SagaStatus.COMPENSATED);
    SagaMetrics.saga(
        operatorInvolved
            ? MetricNames.SAGAS_COMPENSATED_WITH_OPERATOR
            : MetricNames.SAGAS_COMPENSATED,
        definition.name());
  }

  /** Runs one undo until it reaches an end: by itself, or through an operator's decision. */
  private void undo(StepRun step) {
    undosRunning++;
    try {
      undoUntilSettled(step);
    } finally {
      undosRunning--;
    }
  }

  private void undoUntilSettled(StepRun step) {
    OperatorDecision decision = null;
    if (resume != null) {
      // This run continues one that waited: undos settled there stay settled, and an open
      // escalation is waited for again, not opened again.
      if (settledUndo(step.status)) {
        return;
      }
      String open = desk.openEscalationOf(step.spec.name());
      if (open != null) {
        decision = desk.awaitRestored(open, publisherFor(step));
        afterDecision();
      }
    }
    while (true) {
      if (decision != null) {
        switch (decision.action()) {
          case RETRY -> log.info("retrying undo of {} after {}", step.spec.name(), decision);
          case RESOLVED_MANUALLY -> {
            step.status = StepStatus.RESOLVED_MANUALLY;
            return;
          }
          case ACCEPT_LOSS -> {
            step.status = StepStatus.LOSS_ACCEPTED;
            return;
          }
        }
      }
      step.status = StepStatus.UNDOING;
      stepMetric(MetricNames.UNDO_ATTEMPTS, step);
      try {
        UndoOutcome outcome = step.undo.apply(step.keys);
        step.status =
            outcome == UndoOutcome.NOTHING_TO_UNDO ? StepStatus.NOTHING_TO_UNDO : StepStatus.UNDONE;
        step.error = null;
        return;
      } catch (TemporalFailure undoFailure) {
        step.undoAttempts += Failures.attemptsUsed(undoFailure, settings.undoMaximumAttempts());
        step.error = describe(undoFailure);
        stepMetric(MetricNames.UNDO_ESCALATED, step);
        decision = escalate(step);
      }
    }
  }

  private static boolean settledUndo(StepStatus status) {
    return status == StepStatus.UNDONE
        || status == StepStatus.NOTHING_TO_UNDO
        || status == StepStatus.RESOLVED_MANUALLY
        || status == StepStatus.LOSS_ACCEPTED;
  }

  private void stepMetric(String name, StepRun step) {
    SagaMetrics.step(name, definition.name(), step.spec.name(), step.spec.world());
  }

  /** Opens an escalation, alerts, and waits durably (re-alerting) for an operator's decision. */
  private OperatorDecision escalate(StepRun step) {
    operatorInvolved = true;
    step.escalations++;
    Escalation opened =
        Escalation.opened(
            step.spec.name() + "-" + step.escalations,
            sagaId,
            definition.name(),
            step.spec.name(),
            step.spec.world(),
            step.spec.undo(),
            step.error,
            step.undoAttempts,
            step.spec.runbook(),
            Workflow.currentTimeMillis(),
            step.amountMinor,
            step.currency);
    OperatorDecision decision = desk.await(opened, publisherFor(step));
    afterDecision();
    return decision;
  }

  private Consumer<SagaStatus> publisherFor(StepRun step) {
    return stands -> {
      step.status = StepStatus.NEEDS_OPERATOR;
      status.publish(stands);
    };
  }

  private void afterDecision() {
    if (!desk.anyOpen()) {
      status.publish(SagaStatus.COMPENSATING);
    }
  }

  // --- long waits ---------------------------------------------------------------------------

  /**
   * Told by the desk after each re-alert. Continues as new when the history has grown past the
   * threshold (or the server suggests it), but only at a safe point: every undo under way rests in
   * a wait for a person, and every signal taken has been acted on.
   */
  private void continueAsNewIfLong() {
    if (workflowArguments == null) {
      return;
    }
    WorkflowInfo info = Workflow.getInfo();
    if (info.getHistoryLength() < settings.continueAsNewAfterEvents()
        && !info.isContinueAsNewSuggested()) {
      return;
    }
    if (undosRunning != desk.resting() || !desk.nothingUnhandled()) {
      return;
    }
    // Asked only past the threshold, so that shorter histories, and the happy path, stay as
    // they were; histories recorded before this change replay with DEFAULT_VERSION. Each ask has
    // its own id: a version once answered sticks for the run, so with one id a saga that waited
    // past the threshold before the upgrade would replay DEFAULT and never continue as new.
    String change = LONG_WAIT_CHANGE + "@" + info.getHistoryLength();
    if (Workflow.getVersion(change, Workflow.DEFAULT_VERSION, 1) == Workflow.DEFAULT_VERSION) {
      return;
    }
    Workflow.await(Workflow::isEveryHandlerFinished);
    Map<String, Object> memo = new LinkedHashMap<>();
    memo.put(SagaResume.MEMO, resumeState(info.getRunId()));
    for (StepRun step : steps.values()) {
      if (step.completed && step.result != null) {
        memo.put(SagaResume.RESULT_MEMO_PREFIX + step.spec.name(), step.result);
      }
    }
    log.info("continuing as new after {} events while waiting", info.getHistoryLength());
    // The SDK carries the search attributes (SagaStatus) over by itself.
    Workflow.continueAsNew(
        ContinueAsNewOptions.newBuilder().setMemo(memo).build(), workflowArguments);
  }

  private SagaResume resumeState(String runId) {
    List<SagaResume.Step> stepStates = new ArrayList<>();
    for (StepRun step : steps.values()) {
      stepStates.add(
          new SagaResume.Step(
              step.spec.name(),
              step.status,
              step.error,
              step.undoAttempts,
              step.escalations,
              step.amountMinor,
              step.currency,
              step.completed,
              step.result == null ? null : step.result.getClass().getName()));
    }
    return new SagaResume(
        runId,
        status.current(),
        status.published(),
        operatorInvolved,
        parallel,
        cancelled,
        failedStep,
        failure,
        stepStates,
        desk.escalations(),
        desk.rejectedDecisions(),
        desk.rejectedDecisionCount(),
        desk.fourEyes());
  }

  private void restore(SagaResume carried) {
    status.restore(carried.status(), carried.published());
    operatorInvolved = carried.operatorInvolved();
    parallel = carried.parallelUndo();
    cancelled = carried.cancelled();
    failedStep = carried.failedStep();
    failure = carried.failure();
    for (SagaResume.Step state : carried.steps()) {
      StepRun step = steps.get(state.name());
      if (step == null) {
        continue;
      }
      step.status = state.status();
      step.error = state.error();
      step.undoAttempts = state.undoAttempts();
      step.escalations = state.escalations();
      step.amountMinor = state.amountMinor();
      step.currency = state.currency();
      step.completed = state.completed();
      step.resultType = state.resultType();
    }
    desk.restore(carried);
  }

  /**
   * In a continued run, a step that had completed answers its recorded result (read back with the
   * flow's own class loader), and the first one that had not ends the flow where it stopped.
   */
  @SuppressWarnings("unchecked")
  private <R> R restoredResult(StepRun step, Function<StepKeys, R> action) {
    if (!step.completed) {
      throw new FlowRestored();
    }
    if (step.resultType == null) {
      return null;
    }
    if (step.result == null) {
      Class<?> type;
      try {
        type = Class.forName(step.resultType, true, action.getClass().getClassLoader());
      } catch (ClassNotFoundException e) {
        throw new IllegalStateException(
            "the result of step '" + step.spec.name() + "' cannot be read back", e);
      }
      step.result = Workflow.getMemo(SagaResume.RESULT_MEMO_PREFIX + step.spec.name(), type, type);
    }
    return (R) step.result;
  }

  private <R> Optional<R> resumeCompensation(Supplier<R> flow) {
    try {
      flow.get();
    } catch (FlowRestored expected) {
      // The flow re-registered every undo up to where it stopped in the first run.
    }
    compensate();
    if (cancelled) {
      throw new CanceledFailure("saga cancelled; compensated");
    }
    return Optional.empty();
  }

  /**
   * Ends a flow run in restore mode at the step where it stopped. An Error, so that a flow's own
   * {@code catch (Exception e)} cannot take it for a step's failure.
   */
  private static final class FlowRestored extends Error {
    FlowRestored() {
      super("flow restored up to where it stopped", null, false, false);
    }
  }

  /** A step's run-time record; lives only in workflow memory and is rebuilt by replay. */
  private static final class StepRun {
    final StepSpec spec;
    final StepKeys keys;
    Function<StepKeys, UndoOutcome> undo;
    StepStatus status = StepStatus.PENDING;
    String error;
    int undoAttempts;
    int escalations;
    Long amountMinor;
    String currency;
    boolean completed;
    Object result;
    String resultType;

    StepRun(StepSpec spec, StepKeys keys) {
      this.spec = spec;
      this.keys = keys;
    }

    StepState state() {
      String undoKey = spec.world() == World.CLOSED ? null : keys.undoKey();
      return new StepState(spec.name(), spec.world(), status, keys.doKey(), undoKey, error);
    }
  }
}
