package dev.amends.saga;

import java.util.List;

/**
 * The answer of the {@code sagaState} query: every declared step with its status, every escalation
 * (open and closed, with decisions and write-off requests), the newest rejected decisions, and
 * where the saga stands.
 *
 * @param rejectedDecisions the newest refused decisions (at most {@link #REJECTIONS_KEPT})
 * @param rejectedDecisionCount how many decisions were refused in all
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
    int rejectedDecisionCount,
    String failedStep,
    String failure) {

  /** How many refused decisions a saga keeps, so that a flood cannot grow its state unbounded. */
  public static final int REJECTIONS_KEPT = 20;

  public List<Escalation> openEscalations() {
    return escalations.stream().filter(Escalation::awaitsDecision).toList();
  }
}
