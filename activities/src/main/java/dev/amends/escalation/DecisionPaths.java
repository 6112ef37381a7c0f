package dev.amends.escalation;

/** Where the operator API takes the decision of an escalation. */
public final class DecisionPaths {
  private static final String ORDER_SAGA_PREFIX = "order-";

  private DecisionPaths() {}

  /** {@code /orders/<id>/escalations/<escalationId>} for orders, else the generic saga path. */
  public static String decide(String sagaId, String escalationId) {
    return sagaId.startsWith(ORDER_SAGA_PREFIX)
        ? "/orders/" + sagaId.substring(ORDER_SAGA_PREFIX.length()) + "/escalations/" + escalationId
        : "/sagas/" + sagaId + "/escalations/" + escalationId;
  }

  /** Where an approver confirms or refuses the decision that waits for approval. */
  public static String approve(String sagaId, String escalationId) {
    return decide(sagaId, escalationId) + "/approval";
  }
}
