package dev.amends.saga;

import dev.amends.saga.metrics.MetricNames;
import io.temporal.activity.ActivityOptions;
import io.temporal.common.RetryOptions;
import io.temporal.common.converter.RawValue;
import io.temporal.workflow.Async;
import io.temporal.workflow.Promise;
import io.temporal.workflow.Workflow;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import org.slf4j.Logger;

/**
 * A workflow's escalations and the decisions that settle them: opens an escalation (recorded and
 * alerted through {@link EscalationActivities}), waits durably for a decision while re-alerting on
 * a timer, holds a write-off for a second person's approval, and closes it. Decisions arrive as the
 * {@code resolveEscalation} signal and are checked by {@link DecisionRules}; anything malformed,
 * unknown or stale is recorded as rejected and changes nothing.
 *
 * <p>The saga core uses it for undos that fail for good; any workflow that needs a person to settle
 * what it cannot (the reconciler's drift) uses it the same way, so operators answer every
 * escalation alike. Workflow code: create it in the workflow's constructor.
 */
public final class EscalationDesk {
  /**
   * The change under which write-offs of RML-3 effects need an approver and a decision's recording
   * is watched. Histories from before it replay as they ran: one person's word settled a write-off,
   * and recording was awaited without a timer.
   */
  static final String OPERATOR_TRUST_CHANGE = "amends-operator-trust";

  private static final Logger log = Workflow.getLogger(EscalationDesk.class);

  private final SagaSettings settings;

  /** The flow's name, the {@code flow} label of what the desk counts. */
  private final String flow;

  private final EscalationActivities activities;
  private final List<Escalation> escalations = new ArrayList<>();
  private final Deque<RejectedDecision> rejectedDecisions = new ArrayDeque<>();
  private int rejectedDecisionCount;
  private final Map<String, OperatorDecision> pendingDecisions = new HashMap<>();

  /** Escalations whose write-off request changed and is not yet recorded nor published. */
  private final Set<String> writeOffsToRecord = new HashSet<>();

  private boolean fourEyes;

  /**
   * How many waits for a decision have nothing in flight right now: blocked until a decision or a
   * re-alert (more than one when undos run at once).
   */
  private int resting;

  /** Told after each re-alert, when the waiting thread has nothing in flight. */
  private Runnable atRest = () -> {};

  public EscalationDesk(SagaSettings settings, String flow) {
    this.settings = SagaSettings.orDefaults(settings);
    this.flow = flow;
    this.activities =
        Workflow.newActivityStub(
            EscalationActivities.class,
            ActivityOptions.newBuilder()
                .setStartToCloseTimeout(Duration.ofSeconds(30))
                // Losing an escalation is worse than waiting for the store: retry without limit.
                .setRetryOptions(
                    RetryOptions.newBuilder().setMaximumInterval(Duration.ofMinutes(1)).build())
                .build());
  }

  /**
   * Opens the escalation and blocks until it is decided and the decision recorded. {@code publish}
   * is told where the saga stands whenever that changes: {@link SagaStatus#NEEDS_OPERATOR} once the
   * escalation is listed (before it is recorded and alerted, so a query in between already shows
   * it) and again when an approver rejects a write-off; {@link SagaStatus#AWAITING_APPROVAL} while
   * a write-off waits for an approver.
   */
  public OperatorDecision await(Escalation opened, Consumer<SagaStatus> publish) {
    fourEyes =
        Workflow.getVersion(OPERATOR_TRUST_CHANGE, Workflow.DEFAULT_VERSION, 1)
            != Workflow.DEFAULT_VERSION;
    escalations.add(opened);
    SagaMetrics.step(MetricNames.ESCALATIONS_OPENED, flow, opened.step(), opened.world());
    publish.accept(SagaStatus.NEEDS_OPERATOR);
    showDetails();
    activities.open(opened);
    return awaitDecision(opened.id(), publish);
  }

  /**
   * Waits again for an escalation this run carried over from the run it continues ({@link
   * #restore}): it was opened, recorded and alerted there, so none of that is repeated.
   */
  public OperatorDecision awaitRestored(String id, Consumer<SagaStatus> publish) {
    showDetails();
    return awaitDecision(id, publish);
  }

  private OperatorDecision awaitDecision(String id, Consumer<SagaStatus> publish) {
    waitForDecision(id, publish);
    OperatorDecision decision = pendingDecisions.remove(id);
    Escalation settled = find(id).decided(decision);
    replace(settled);
    showDetails();
    if (fourEyes) {
      recordWatched(settled);
    } else {
      activities.close(settled);
    }
    replace(find(id).withRecorded());
    return decision;
  }

  private void waitForDecision(String id, Consumer<SagaStatus> publish) {
    while (true) {
      boolean woken;
      resting++;
      try {
        woken =
            Workflow.await(
                settings.realertEvery(),
                () -> pendingDecisions.containsKey(id) || writeOffsToRecord.contains(id));
      } finally {
        resting--;
      }
      if (!woken) {
        Escalation current = find(id);
        Escalation reminded = current.withAlertsSent(current.alertsSent() + 1);
        replace(reminded);
        activities.realert(reminded);
        // Between re-alerts nothing of this wait is in flight: a safe point to continue as new.
        resting++;
        try {
          atRest.run();
        } finally {
          resting--;
        }
      } else if (writeOffsToRecord.remove(id)) {
        Escalation current = find(id);
        publish.accept(
            current.awaitsApproval() ? SagaStatus.AWAITING_APPROVAL : SagaStatus.NEEDS_OPERATOR);
        showDetails();
        activities.recordWriteOff(current);
      } else {
        return;
      }
    }
  }

  /**
   * Shows what waits for a person in the Temporal UI, or nothing once every escalation is decided.
   * Not a command: histories, and so replays, are the same with or without it.
   */
  private void showDetails() {
    Workflow.setCurrentDetails(EscalationDetails.of(escalations));
  }

  /**
   * Records the decision; if that keeps failing (the store is down), shows it in the saga's state
   * and alerts, and goes on retrying: an accepted decision is never lost nor taken back.
   */
  private void recordWatched(Escalation settled) {
    Promise<Void> closing = Async.procedure(activities::close, settled);
    if (Workflow.await(settings.recordingAlertAfter(), closing::isCompleted)) {
      closing.get();
      return;
    }
    Escalation delayed = find(settled.id()).withRecordingDelayed();
    Escalation reminded = delayed.withAlertsSent(delayed.alertsSent() + 1);
    replace(reminded);
    log.warn("recording the decision on {} is delayed; retrying", settled.id());
    Promise<Void> alerting = Async.procedure(activities::realert, reminded);
    Promise.allOf(closing, alerting).get();
  }

  /** Applies a decision signal; anything malformed, unknown or stale is recorded as rejected. */
  public void decide(RawValue received) {
    Object decoded;
    try {
      decoded = SignalPayloads.decode(received);
    } catch (RuntimeException undecodable) {
      reject(SignalPayloads.describe(received), undecodable.getMessage());
      return;
    }
    decide(decoded);
  }

  private void decide(Object received) {
    DecisionRules.Checked checked = DecisionRules.check(received);
    if (!checked.ok()) {
      reject(received, checked.problem());
      return;
    }
    Optional<Escalation> target =
        escalations.stream().filter(e -> e.id().equals(checked.escalationId())).findFirst();
    if (target.isEmpty()) {
      reject(received, "no escalation '" + checked.escalationId() + "' in this saga");
      return;
    }
    String problem =
        checked.review() != null ? review(target.get(), checked) : settle(target.get(), checked);
    if (problem != null) {
      reject(received, problem);
      return;
    }
    SagaMetrics.decision(
        flow, checked.review() != null ? checked.review().name() : checked.action().name());
  }

  /** Takes a settlement (RETRY, RESOLVED_MANUALLY, ACCEPT_LOSS); answers why not, or null. */
  private String settle(Escalation escalation, DecisionRules.Checked checked) {
    String id = escalation.id();
    String closed = closedProblem(escalation);
    if (closed != null) {
      return closed;
    }
    if (pendingDecisions.containsKey(id)) {
      return "escalation '" + id + "' already has a decision";
    }
    WriteOffRequest pending = escalation.pendingWriteOff();
    if (pending != null) {
      return "a write-off requested by "
          + pending.requestedBy()
          + " awaits approval on '"
          + id
          + "': an approver must APPROVE or REJECT it first";
    }
    long now = Workflow.currentTimeMillis();
    if (checked.action() == OperatorAction.ACCEPT_LOSS && needsApproval(escalation)) {
      replace(
          escalation.withWriteOff(
              WriteOffRequest.requested(checked.operator(), checked.note(), now)));
      writeOffsToRecord.add(id);
      return null;
    }
    pendingDecisions.put(
        id, new OperatorDecision(id, checked.action(), checked.operator(), checked.note(), now));
    return null;
  }

  /** Takes an approver's APPROVE or REJECT of a pending write-off; answers why not, or null. */
  private String review(Escalation escalation, DecisionRules.Checked checked) {
    String id = escalation.id();
    String closed = closedProblem(escalation);
    if (closed != null) {
      return closed;
    }
    WriteOffRequest pending = escalation.pendingWriteOff();
    if (pending == null || pendingDecisions.containsKey(id)) {
      return "no write-off awaits approval on '" + id + "'";
    }
    boolean byRequester = pending.requestedBy().equalsIgnoreCase(checked.operator());
    if (byRequester && checked.review() == WriteOffReview.APPROVE) {
      return checked.operator()
          + " requested this write-off and cannot approve it: a second person must";
    }
    long now = Workflow.currentTimeMillis();
    replace(
        escalation.withReviewedWriteOff(
            pending.reviewed(checked.operator(), checked.review(), checked.note(), now)));
    if (checked.review() == WriteOffReview.APPROVE) {
      pendingDecisions.put(
          id,
          new OperatorDecision(
              id,
              OperatorAction.ACCEPT_LOSS,
              pending.requestedBy(),
              pending.note(),
              now,
              checked.operator()));
    } else {
      writeOffsToRecord.add(id);
    }
    return null;
  }

  private static String closedProblem(Escalation escalation) {
    if (escalation.awaitsDecision()) {
      return null;
    }
    OperatorDecision earlier = escalation.decision();
    String what = earlier.action() + " by " + earlier.operator();
    return escalation.recorded()
        ? "escalation '" + escalation.id() + "' was already settled (" + what + ")"
        : "escalation '" + escalation.id() + "' has a decision being recorded (" + what + ")";
  }

  private boolean needsApproval(Escalation escalation) {
    return fourEyes
        && escalation.world() == World.HISTORY
        && settings.writeOffNeedsApproval(escalation.amountMinor());
  }

  /** Sets what the desk tells after each re-alert, when its waiting thread is at rest. */
  public void onRest(Runnable atRest) {
    this.atRest = atRest;
  }

  /** How many waits for a decision have nothing in flight right now. */
  public int resting() {
    return resting;
  }

  /** Whether every signal taken so far has been acted on: no decision nor write-off unhandled. */
  public boolean nothingUnhandled() {
    return pendingDecisions.isEmpty() && writeOffsToRecord.isEmpty();
  }

  public boolean fourEyes() {
    return fourEyes;
  }

  /** Takes over the escalations and refused decisions of the run this one continues. */
  public void restore(SagaResume resume) {
    escalations.addAll(resume.escalations());
    rejectedDecisions.addAll(resume.rejectedDecisions());
    rejectedDecisionCount = resume.rejectedDecisionCount();
    fourEyes = resume.fourEyes();
  }

  /** The open escalation of a step, or null. */
  String openEscalationOf(String step) {
    return escalations.stream()
        .filter(e -> e.step().equals(step) && e.awaitsDecision())
        .map(Escalation::id)
        .findFirst()
        .orElse(null);
  }

  public boolean anyOpen() {
    return escalations.stream().anyMatch(Escalation::awaitsDecision);
  }

  public List<Escalation> escalations() {
    return List.copyOf(escalations);
  }

  /** The newest rejected decisions, oldest first. */
  public List<RejectedDecision> rejectedDecisions() {
    return List.copyOf(rejectedDecisions);
  }

  public int rejectedDecisionCount() {
    return rejectedDecisionCount;
  }

  private Escalation find(String id) {
    return escalations.stream().filter(e -> e.id().equals(id)).findFirst().orElseThrow();
  }

  private void replace(Escalation updated) {
    for (int i = 0; i < escalations.size(); i++) {
      if (escalations.get(i).id().equals(updated.id())) {
        escalations.set(i, updated);
        return;
      }
    }
  }

  private void reject(Object received, String reason) {
    String shown = SignalPayloads.shorten(String.valueOf(received));
    rejectedDecisions.addLast(new RejectedDecision(shown, reason, Workflow.currentTimeMillis()));
    rejectedDecisionCount++;
    SagaMetrics.rejectedDecision(flow);
    while (rejectedDecisions.size() > SagaState.REJECTIONS_KEPT) {
      rejectedDecisions.removeFirst();
    }
    log.warn("rejected operator decision: {}", reason);
  }
}
