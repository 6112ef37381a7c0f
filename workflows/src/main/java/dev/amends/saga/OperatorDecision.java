package dev.amends.saga;

/**
 * A decision that passed validation and settles one open escalation.
 *
 * @param operator who decided, as declared on the signal (over the API: the authenticated
 *     principal); for an approved write-off, who requested it
 * @param approvedBy for an approved write-off, the second person; null otherwise
 */
public record OperatorDecision(
    String escalationId,
    OperatorAction action,
    String operator,
    String note,
    long decidedAtMillis,
    String approvedBy) {

  public OperatorDecision(
      String escalationId,
      OperatorAction action,
      String operator,
      String note,
      long decidedAtMillis) {
    this(escalationId, action, operator, note, decidedAtMillis, null);
  }
}
