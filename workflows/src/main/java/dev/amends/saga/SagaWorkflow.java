package dev.amends.saga;

import io.temporal.common.converter.RawValue;
import io.temporal.workflow.QueryMethod;
import io.temporal.workflow.SignalMethod;

/**
 * What every amends saga workflow answers, whatever its business flow: its state, and the decisions
 * that settle escalations.
 */
public interface SagaWorkflow {

  @QueryMethod
  SagaState sagaState();

  /**
   * A decision, as typed into the Temporal UI's or CLI's signal input:
   *
   * <pre>{"escalationId": "chargeCard-1", "action": "RETRY", "operator": "ana", "note": "..."}
   * </pre>
   *
   * <p>{@code action} is {@code RETRY}, {@code RESOLVED_MANUALLY} or {@code ACCEPT_LOSS}, or, on a
   * write-off that awaits approval, an approver's {@code APPROVE} or {@code REJECT}. The payload is
   * taken undecoded ({@link SignalPayloads#of} makes one from Java), so that a malformed decision,
   * even one that is not JSON at all, still reaches the workflow and is recorded as rejected
   * instead of being dropped by the payload converter.
   */
  @SignalMethod
  void resolveEscalation(RawValue decision);
}
