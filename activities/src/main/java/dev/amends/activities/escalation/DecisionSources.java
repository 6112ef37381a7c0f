package dev.amends.activities.escalation;

import dev.amends.saga.Escalation;
import dev.amends.saga.OperatorDecision;
import dev.amends.saga.TextRules;
import io.temporal.api.common.v1.Payloads;
import io.temporal.api.history.v1.HistoryEvent;
import io.temporal.api.history.v1.WorkflowExecutionSignaledEventAttributes;
import io.temporal.client.WorkflowClient;
import java.util.Map;
import java.util.Optional;

/**
 * Where a decision came from, read from the saga's own history: the {@code identity} that Temporal
 * stored on the signal that carried it, and so its channel. amends' API signals with the identity
 * {@code amends-api:<principal>}; anything else reached Temporal directly (its UI or CLI), and is
 * only as trustworthy as the Temporal server's own authorization.
 */
public class DecisionSources {
  /** The identity prefix of signals sent by amends' own API. */
  public static final String API_IDENTITY_PREFIX = "amends-api:";

  static final String SIGNAL = "resolveEscalation";
  private static final int MAX_IDENTITY = 300;

  private final WorkflowClient client;

  public DecisionSources(WorkflowClient client) {
    this.client = client;
  }

  /** Who sent a signal, as Temporal recorded it, and by which channel. */
  public record Source(String identity, String channel) {
    static final Source UNKNOWN = new Source(null, "unknown");

    static Source of(String identity) {
      String channel = identity.startsWith(API_IDENTITY_PREFIX) ? "api" : "temporal-signal";
      String kept = TextRules.cut(identity, MAX_IDENTITY);
      return new Source(kept, channel);
    }
  }

  /** The decision's source and, for an approved write-off, the approval's source. */
  public record Sources(Source decision, Source approval) {}

  public Sources of(Escalation settled) {
    OperatorDecision decision = settled.decision();
    Source decided = Source.UNKNOWN;
    Source approved = null;
    for (HistoryEvent event : client.fetchHistory(settled.sagaId()).getEvents()) {
      if (!event.hasWorkflowExecutionSignaledEventAttributes()) {
        continue;
      }
      WorkflowExecutionSignaledEventAttributes signal =
          event.getWorkflowExecutionSignaledEventAttributes();
      Optional<Map<?, ?>> sent = decode(signal);
      if (!SIGNAL.equals(signal.getSignalName()) || sent.isEmpty()) {
        continue;
      }
      Map<?, ?> fields = sent.get();
      if (!settled.id().equals(fields.get("escalationId"))) {
        continue;
      }
      String action = String.valueOf(fields.get("action")).strip();
      String operator = String.valueOf(fields.get("operator")).strip();
      // The newest matching signal is the one the saga took: earlier ones were refused.
      if (action.equalsIgnoreCase(decision.action().name())
          && operator.equalsIgnoreCase(decision.operator())) {
        decided = Source.of(signal.getIdentity());
      } else if (decision.approvedBy() != null
          && action.equalsIgnoreCase("APPROVE")
          && operator.equalsIgnoreCase(decision.approvedBy())) {
        approved = Source.of(signal.getIdentity());
      }
    }
    return new Sources(decided, decision.approvedBy() == null ? null : orUnknown(approved));
  }

  private static Source orUnknown(Source source) {
    return source == null ? Source.UNKNOWN : source;
  }

  private Optional<Map<?, ?>> decode(WorkflowExecutionSignaledEventAttributes signal) {
    if (!signal.hasInput()) {
      return Optional.empty();
    }
    Payloads input = signal.getInput();
    try {
      Object value =
          client
              .getOptions()
              .getDataConverter()
              .fromPayloads(0, Optional.of(input), Object.class, Object.class);
      return value instanceof Map<?, ?> map ? Optional.of(map) : Optional.empty();
    } catch (RuntimeException notJson) {
      return Optional.empty();
    }
  }
}
