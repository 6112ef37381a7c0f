package dev.amends.saga;

/**
 * An undo that failed after its retry policy, waiting for (or settled by) an operator.
 *
 * @param id unique within its saga: the step name and a sequence number, e.g. {@code chargeCard-1}
 * @param attempts activity attempts the undo has used up, over every run so far
 * @param alertsSent the first alert plus each re-alert
 * @param decision null while the escalation is open
 */
public record Escalation(
    String id,
    String sagaId,
    String sagaName,
    String step,
    World world,
    String undo,
    String error,
    int attempts,
    String runbook,
    long openedAtMillis,
    int alertsSent,
    OperatorDecision decision) {

  public boolean awaitsDecision() {
    return decision == null;
  }

  Escalation withAlertsSent(int count) {
    return new Escalation(
        id, sagaId, sagaName, step, world, undo, error, attempts, runbook, openedAtMillis, count,
        decision);
  }

  Escalation decided(OperatorDecision settled) {
    return new Escalation(
        id, sagaId, sagaName, step, world, undo, error, attempts, runbook, openedAtMillis,
        alertsSent, settled);
  }
}
