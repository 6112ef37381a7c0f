package dev.amends.saga;

import io.temporal.workflow.QueryMethod;
import io.temporal.workflow.SignalMethod;

/**
 * What every amends saga workflow answers, whatever its business flow: its state, and the operator
 * decisions that settle escalations.
 */
public interface SagaWorkflow {

  @QueryMethod
  SagaState sagaState();

  /**
   * An operator decision, as typed into the Temporal UI's or CLI's signal input:
   *
   * <pre>{"escalationId": "chargeCard-1", "action": "RETRY", "operator": "ana", "note": "..."}</pre>
   *
   * <p>Taken as any JSON value, so that a malformed decision still reaches the workflow and is
   * recorded as rejected instead of being dropped by the payload converter.
   */
  @SignalMethod
  void resolveEscalation(Object decision);
}
