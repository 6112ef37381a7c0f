package dev.amends.activities.escalation;

/** Where the operator API takes the decision of an escalation. */
public final class DecisionPaths {
  private DecisionPaths() {}

  /** {@code /sagas/<sagaId>/escalations/<escalationId>}, for every flow. */
  public static String decide(String sagaId, String escalationId) {
    return "/sagas/" + sagaId + "/escalations/" + escalationId;
  }

  /** Where an approver confirms or refuses the decision that waits for approval. */
  public static String approve(String sagaId, String escalationId) {
    return decide(sagaId, escalationId) + "/approval";
  }
}
