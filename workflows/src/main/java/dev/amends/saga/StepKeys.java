package dev.amends.saga;

/**
 * The idempotency keys of one step, derived from the workflow id and the step name only: a retried
 * call, a replay or a reset carries the same key, so an external system sees the same call again
 * and never performs it twice. The undo's key is distinct, and it names the do it reverses.
 */
public record StepKeys(String doKey, String undoKey) {

  public static StepKeys of(String workflowId, String stepName) {
    String doKey = workflowId + "/" + stepName;
    return new StepKeys(doKey, doKey + "/undo");
  }
}
