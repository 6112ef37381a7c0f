package dev.amends.escalation;

import dev.amends.api.ApiException;
import dev.amends.saga.OperatorAction;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The body of a decision, the same JSON an operator sends as the resolveEscalation signal. The
 * escalation id may be left out: the path names it. So may the operator: it is the caller.
 */
public record DecisionRequest(String escalationId, String action, String operator, String note) {

  /**
   * Checks every field as the workflow would, naming the first wrong one; returns the signal,
   * whose operator is the authenticated caller.
   */
  Map<String, Object> toSignal(String pathEscalationId, String principal) {
    if (escalationId != null && !escalationId.equals(pathEscalationId)) {
      throw ApiException.badField(
          "escalationId", "escalationId in the body differs from the one in the path");
    }
    if (blank(action)) {
      throw ApiException.badField(
          "action", "action is required: one of " + Arrays.toString(OperatorAction.values()));
    }
    OperatorAction parsed;
    try {
      parsed = OperatorAction.valueOf(action.strip());
    } catch (IllegalArgumentException e) {
      throw ApiException.badField(
          "action",
          "action '" + action + "' is unknown: one of " + Arrays.toString(OperatorAction.values()));
    }
    if (!blank(operator) && !operator.strip().equals(principal)) {
      throw ApiException.badField(
          "operator", "operator in the body differs from the caller, who is the operator; leave it out");
    }
    if (parsed.needsNote() && blank(note)) {
      throw ApiException.badField("note", "note is required for " + parsed + ": what was done, or why");
    }
    Map<String, Object> signal = new LinkedHashMap<>();
    signal.put("escalationId", pathEscalationId);
    signal.put("action", parsed.name());
    signal.put("operator", principal);
    if (!blank(note)) {
      signal.put("note", note.strip());
    }
    return signal;
  }

  private static boolean blank(String s) {
    return s == null || s.isBlank();
  }
}
