package dev.amends.saga;

import io.temporal.workflow.Workflow;
import java.util.List;
import java.util.Optional;

/**
 * What a saga waiting for an operator carries into the run it continues as new with: where it
 * stands, each step's progress, and its escalation desk. It travels in the new run's memo, a
 * payload that goes through the data converter (and so through a payload codec, if one encrypts);
 * each completed step's result travels beside it under its own memo key, so that the new run can
 * hand the flow the same results and re-register the same undos. Not part of the public contract:
 * only amends writes and reads it.
 *
 * @param fromRunId the run that wrote it; a run continued by anything else ignores it
 * @param published the status last written to the {@code SagaStatus} search attribute
 * @param parallelUndo whether undos run at once (settled when compensation first started)
 * @param cancelled whether the saga compensates because it was cancelled
 * @param fourEyes whether write-offs of RML-3 effects need an approver in this saga
 */
public record SagaResume(
    String fromRunId,
    SagaStatus status,
    SagaStatus published,
    boolean operatorInvolved,
    boolean parallelUndo,
    boolean cancelled,
    String failedStep,
    String failure,
    List<Step> steps,
    List<Escalation> escalations,
    List<RejectedDecision> rejectedDecisions,
    int rejectedDecisionCount,
    boolean fourEyes) {

  /** The memo key of the resume itself. */
  public static final String MEMO = "amends-resume";

  /** The memo key prefix of a completed step's result (followed by the step's name). */
  public static final String RESULT_MEMO_PREFIX = "amends-result:";

  /**
   * Workflow code: what the run this one continues carried over in its memo, or null when this run
   * continues none, or one that wrote no resume of its own (a flow that continued as new by itself,
   * or an older saga).
   */
  public static SagaResume carriedOver() {
    Optional<String> continued = Workflow.getInfo().getContinuedExecutionRunId();
    if (continued.isEmpty()) {
      return null;
    }
    SagaResume carried = Workflow.getMemo(MEMO, SagaResume.class, SagaResume.class);
    return carried != null && continued.get().equals(carried.fromRunId()) ? carried : null;
  }

  public SagaResume {
    steps = steps == null ? List.of() : List.copyOf(steps);
    escalations = escalations == null ? List.of() : List.copyOf(escalations);
    rejectedDecisions = rejectedDecisions == null ? List.of() : List.copyOf(rejectedDecisions);
  }

  /**
   * One step's progress.
   *
   * @param completed whether the step's call returned (its result, if any, is in the memo)
   * @param resultType the result's class, or null when the step returned null
   */
  public record Step(
      String name,
      StepStatus status,
      String error,
      int undoAttempts,
      int escalations,
      Long amountMinor,
      String currency,
      boolean completed,
      String resultType) {}
}
