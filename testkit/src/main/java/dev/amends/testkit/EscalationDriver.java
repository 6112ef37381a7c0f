package dev.amends.testkit;

import dev.amends.saga.Escalation;
import dev.amends.saga.OperatorAction;
import dev.amends.saga.SagaState;
import dev.amends.saga.SagaStatus;
import dev.amends.saga.SagaWorkflow;
import dev.amends.saga.SignalPayloads;
import io.temporal.client.WorkflowClient;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * Plays the operator and the approver: sends decisions through the typed {@link
 * SagaWorkflow#resolveEscalation} signal, reads the {@code sagaState} query, and waits (polling the
 * query, in real time) until a saga gets where a test needs it.
 *
 * <pre>
 * Escalation open = driver.awaitOpenEscalation("order-o-1");
 * driver.decide("order-o-1", open.id(), OperatorAction.ACCEPT_LOSS, "ana", "written off");
 * driver.awaitStatus("order-o-1", SagaStatus.AWAITING_APPROVAL);
 * driver.approve("order-o-1", open.id(), "bo", "within policy");
 * </pre>
 */
public final class EscalationDriver {
  private static final Duration POLL = Duration.ofMillis(50);

  private final WorkflowClient client;
  private final Duration timeout;

  public EscalationDriver(WorkflowClient client) {
    this(client, Duration.ofSeconds(10));
  }

  public EscalationDriver(WorkflowClient client, Duration timeout) {
    this.client = client;
    this.timeout = timeout;
  }

  /** The same driver, waiting at most {@code timeout} in each {@code await...}. */
  public EscalationDriver waitingAtMost(Duration timeout) {
    return new EscalationDriver(client, timeout);
  }

  /** An operator's decision on an open escalation; {@code note} may be null for RETRY. */
  public void decide(
      String sagaId, String escalationId, OperatorAction action, String operator, String note) {
    decide(sagaId, escalationId, action.name(), operator, note);
  }

  /**
   * A decision with any action text (also {@code APPROVE}, {@code REJECT}, or one the saga must
   * refuse); null operator or note are left out of the signal.
   */
  public void decide(
      String sagaId, String escalationId, String action, String operator, String note) {
    send(sagaId, decision(escalationId, action, operator, note));
  }

  /** An approver's approval of the write-off an escalation awaits. */
  public void approve(String sagaId, String escalationId, String approver, String note) {
    decide(sagaId, escalationId, "APPROVE", approver, note);
  }

  /** An approver's rejection of the write-off: the escalation waits for a decision again. */
  public void reject(String sagaId, String escalationId, String approver, String note) {
    decide(sagaId, escalationId, "REJECT", approver, note);
  }

  /** Sends any JSON value (a map, a string, ...) as the decision signal, e.g. a malformed one. */
  public void send(String sagaId, Object decision) {
    saga(sagaId).resolveEscalation(SignalPayloads.of(decision));
  }

  /** The saga's state, as the {@code sagaState} query answers now. */
  public SagaState state(String sagaId) {
    return saga(sagaId).sagaState();
  }

  /** Waits until the saga has an open escalation, and returns the first. */
  public Escalation awaitOpenEscalation(String sagaId) {
    return awaitState(sagaId, s -> !s.openEscalations().isEmpty(), "an open escalation")
        .openEscalations()
        .get(0);
  }

  /** Waits until the escalation with this id is open (e.g. {@code chargeCard-2} after a retry). */
  public Escalation awaitOpenEscalation(String sagaId, String escalationId) {
    SagaState state =
        awaitState(
            sagaId,
            s -> open(s, escalationId).isPresent(),
            "escalation '" + escalationId + "' open");
    return open(state, escalationId).orElseThrow();
  }

  public SagaState awaitStatus(String sagaId, SagaStatus status) {
    return awaitState(sagaId, s -> s.status() == status, "status " + status);
  }

  /** Waits until the saga has refused at least {@code count} decisions. */
  public SagaState awaitRejections(String sagaId, int count) {
    return awaitState(
        sagaId, s -> s.rejectedDecisionCount() >= count, count + " rejected decision(s)");
  }

  /** Waits until the saga's state satisfies {@code condition}; fails naming what it waited for. */
  public SagaState awaitState(String sagaId, Predicate<SagaState> condition, String description) {
    long deadline = System.nanoTime() + timeout.toNanos();
    SagaState last = null;
    RuntimeException lastError = null;
    while (true) {
      try {
        last = state(sagaId);
        lastError = null;
        if (condition.test(last)) {
          return last;
        }
      } catch (RuntimeException notYetQueryable) {
        lastError = notYetQueryable;
      }
      if (System.nanoTime() > deadline) {
        AssertionError failure =
            new AssertionError(
                "saga "
                    + sagaId
                    + " never reached "
                    + description
                    + " within "
                    + timeout
                    + (last == null
                        ? ""
                        : "; it is "
                            + last.status()
                            + " with open escalations "
                            + last.openEscalations().stream().map(Escalation::id).toList()));
        if (lastError != null) {
          failure.initCause(lastError);
        }
        throw failure;
      }
      try {
        Thread.sleep(POLL.toMillis());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError("interrupted while waiting for " + description, e);
      }
    }
  }

  /** A decision as the signal carries it: a JSON object. */
  public static Map<String, Object> decision(
      String escalationId, String action, String operator, String note) {
    Map<String, Object> d = new LinkedHashMap<>();
    d.put("escalationId", escalationId);
    d.put("action", action);
    if (operator != null) {
      d.put("operator", operator);
    }
    if (note != null) {
      d.put("note", note);
    }
    return d;
  }

  private SagaWorkflow saga(String sagaId) {
    return client.newWorkflowStub(SagaWorkflow.class, sagaId);
  }

  private static Optional<Escalation> open(SagaState state, String escalationId) {
    return state.openEscalations().stream().filter(e -> e.id().equals(escalationId)).findFirst();
  }
}
