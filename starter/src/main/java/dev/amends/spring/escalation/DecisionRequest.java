package dev.amends.spring.escalation;

import dev.amends.saga.DecisionRules;
import dev.amends.spring.api.ApiException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The body of a decision or of an approval, the same JSON an operator sends as the
 * resolveEscalation signal. The escalation id may be left out: the path names it. So may the
 * operator: it is the caller.
 */
public record DecisionRequest(String escalationId, String action, String operator, String note) {

  /**
   * Checks every field with the rules the workflow applies, naming the first wrong one; returns the
   * signal, whose operator is the authenticated caller.
   *
   * @param review whether this is an approver's APPROVE or REJECT of a pending write-off, rather
   *     than a settlement
   */
  Map<String, Object> toSignal(String pathEscalationId, String principal, boolean review) {
    if (escalationId != null && !escalationId.equals(pathEscalationId)) {
      throw ApiException.badField(
          "escalationId", "escalationId in the body differs from the one in the path");
    }
    if (operator != null && !operator.isBlank() && !operator.strip().equals(principal)) {
      throw ApiException.badField(
          "operator",
          "operator in the body differs from the caller, who is the operator; leave it out");
    }
    DecisionRules.Checked checked = DecisionRules.check(pathEscalationId, action, principal, note);
    if (!checked.ok()) {
      throw ApiException.badField(checked.field(), checked.problem());
    }
    if (review && checked.review() == null) {
      throw ApiException.badField(
          "action",
          "an approval's action is APPROVE or REJECT; settle escalations at the path without /approval");
    }
    if (!review && checked.review() != null) {
      throw ApiException.badField(
          "action", checked.review() + " answers a write-off request: post it to .../approval");
    }
    Map<String, Object> signal = new LinkedHashMap<>();
    signal.put("escalationId", checked.escalationId());
    signal.put("action", review ? checked.review().name() : checked.action().name());
    signal.put("operator", checked.operator());
    if (checked.note() != null) {
      signal.put("note", checked.note());
    }
    return signal;
  }
}
