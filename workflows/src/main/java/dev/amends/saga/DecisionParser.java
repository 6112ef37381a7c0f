package dev.amends.saga;

import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/** Turns whatever arrived on the decision signal into a decision, or a reason to refuse it. */
final class DecisionParser {
  private static final Set<String> FIELDS = Set.of("escalationId", "action", "operator", "note");

  private DecisionParser() {}

  /** A parsed decision, or the reason it was refused; exactly one is non-null. */
  record Parsed(OperatorDecision decision, String rejection) {}

  static Parsed parse(Object received, long nowMillis) {
    if (!(received instanceof Map<?, ?> fields)) {
      return rejected("a decision must be a JSON object with escalationId, action and operator");
    }
    Set<String> unknown = new TreeSet<>();
    for (Object key : fields.keySet()) {
      if (!FIELDS.contains(String.valueOf(key))) {
        unknown.add(String.valueOf(key));
      }
    }
    if (!unknown.isEmpty()) {
      return rejected("unknown field(s) " + unknown);
    }
    String escalationId = text(fields.get("escalationId"));
    String actionText = text(fields.get("action"));
    String operator = text(fields.get("operator"));
    String note = text(fields.get("note"));
    if (escalationId == null) {
      return rejected("escalationId is required");
    }
    if (actionText == null) {
      return rejected("action is required (RETRY, RESOLVED_MANUALLY or ACCEPT_LOSS)");
    }
    OperatorAction action;
    try {
      action = OperatorAction.valueOf(actionText);
    } catch (IllegalArgumentException e) {
      return rejected(
          "action '" + actionText + "' is unknown (RETRY, RESOLVED_MANUALLY or ACCEPT_LOSS)");
    }
    if (operator == null) {
      return rejected("operator is required: who decided");
    }
    if (action.needsNote() && note == null) {
      return rejected("note is required for " + action + ": what was done, or why");
    }
    return new Parsed(new OperatorDecision(escalationId, action, operator, note, nowMillis), null);
  }

  private static Parsed rejected(String reason) {
    return new Parsed(null, reason);
  }

  private static String text(Object value) {
    if (!(value instanceof String s) || s.isBlank()) {
      return null;
    }
    return s.strip();
  }
}
