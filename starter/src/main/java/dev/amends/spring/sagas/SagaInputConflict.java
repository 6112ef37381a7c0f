package dev.amends.spring.sagas;

/**
 * A saga was already started under this workflow id with a different input (or is another kind of
 * workflow). Nothing was started. The message names the workflow id only, never the input.
 */
public class SagaInputConflict extends RuntimeException {
  private final String workflowId;

  public SagaInputConflict(String workflowId) {
    super("saga " + workflowId + " was already started with different input");
    this.workflowId = workflowId;
  }

  public String workflowId() {
    return workflowId;
  }
}
