package dev.amends.saga;

import java.util.List;

/**
 * The answer of the {@code sagaState} query: every declared step with its status, every
 * escalation (open and closed, with decisions), every rejected decision, and where the saga stands.
 *
 * @param failedStep the step whose failure made the saga compensate; null otherwise
 * @param failure that step's error, or the cancellation, that made the saga compensate
 */
public record SagaState(
    String sagaId,
    String sagaName,
    SagaStatus status,
    List<StepState> steps,
    List<Escalation> escalations,
    List<RejectedDecision> rejectedDecisions,
    String failedStep,
    String failure) {

  public List<Escalation> openEscalations() {
    return escalations.stream().filter(Escalation::awaitsDecision).toList();
  }
}
