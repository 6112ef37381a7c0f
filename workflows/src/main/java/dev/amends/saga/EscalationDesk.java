package dev.amends.saga;

import io.temporal.activity.ActivityOptions;
import io.temporal.common.RetryOptions;
import io.temporal.workflow.Workflow;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;

/**
 * A workflow's escalations and the operator decisions that settle them: opens an escalation
 * (recorded and alerted through {@link EscalationActivities}), waits durably for a decision while
 * re-alerting on a timer, and closes it. Decisions arrive as the {@code resolveEscalation} signal;
 * anything malformed, unknown or stale is recorded as rejected and changes nothing.
 *
 * <p>The saga core uses it for undos that fail for good; any workflow that needs a person to settle
 * what it cannot (the reconciler's drift) uses it the same way, so operators answer every
 * escalation alike. Workflow code: create it in the workflow's constructor.
 */
public final class EscalationDesk {
  private static final Logger log = Workflow.getLogger(EscalationDesk.class);

  private final SagaSettings settings;
  private final EscalationActivities activities;
  private final List<Escalation> escalations = new ArrayList<>();
  private final List<RejectedDecision> rejectedDecisions = new ArrayList<>();
  private final Map<String, OperatorDecision> pendingDecisions = new HashMap<>();

  public EscalationDesk(SagaSettings settings) {
    this.settings = SagaSettings.orDefaults(settings);
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
   * Opens the escalation and blocks until an operator decides it. {@code onOpened} runs after the
   * escalation is listed and before it is recorded and alerted (the caller publishes its status
   * there), so a query in between already shows it.
   */
  public OperatorDecision await(Escalation opened, Runnable onOpened) {
    escalations.add(opened);
    onOpened.run();
    activities.open(opened);
    String id = opened.id();
    while (!Workflow.await(settings.realertEvery(), () -> pendingDecisions.containsKey(id))) {
      Escalation current = find(id);
      Escalation reminded = current.withAlertsSent(current.alertsSent() + 1);
      replace(reminded);
      activities.realert(reminded);
    }
    OperatorDecision decision = pendingDecisions.remove(id);
    Escalation settled = find(id).decided(decision);
    replace(settled);
    activities.close(settled);
    return decision;
  }

  /** Applies an operator decision signal; anything malformed, unknown or stale is recorded. */
  public void decide(Object received) {
    long now = Workflow.currentTimeMillis();
    DecisionParser.Parsed parsed = DecisionParser.parse(received, now);
    if (parsed.rejection() != null) {
      reject(received, parsed.rejection(), now);
      return;
    }
    OperatorDecision decision = parsed.decision();
    Optional<Escalation> target =
        escalations.stream().filter(e -> e.id().equals(decision.escalationId())).findFirst();
    if (target.isEmpty()) {
      reject(received, "no escalation '" + decision.escalationId() + "' in this saga", now);
    } else if (!target.get().awaitsDecision()) {
      OperatorDecision earlier = target.get().decision();
      reject(
          received,
          "escalation '"
              + decision.escalationId()
              + "' was already settled ("
              + earlier.action()
              + " by "
              + earlier.operator()
              + ")",
          now);
    } else if (pendingDecisions.containsKey(decision.escalationId())) {
      reject(received, "escalation '" + decision.escalationId() + "' already has a decision", now);
    } else {
      pendingDecisions.put(decision.escalationId(), decision);
    }
  }

  public boolean anyOpen() {
    return escalations.stream().anyMatch(Escalation::awaitsDecision);
  }

  public List<Escalation> escalations() {
    return List.copyOf(escalations);
  }

  public List<RejectedDecision> rejectedDecisions() {
    return List.copyOf(rejectedDecisions);
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

  private void reject(Object received, String reason, long now) {
    String shown = String.valueOf(received);
    if (shown.length() > 500) {
      shown = shown.substring(0, 500) + "...";
    }
    rejectedDecisions.add(new RejectedDecision(shown, reason, now));
    log.warn("rejected operator decision {}: {}", shown, reason);
  }
}
