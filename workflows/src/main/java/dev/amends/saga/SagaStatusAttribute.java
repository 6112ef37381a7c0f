package dev.amends.saga;

import io.temporal.workflow.Workflow;

/**
 * Where a saga stands, and the {@code SagaStatus} search attribute operators query it by. The
 * attribute is written only when it changes, so a saga that never leaves the happy path writes it
 * never. Workflow code: one per workflow, created in its constructor.
 */
public final class SagaStatusAttribute {
  private SagaStatus current = SagaStatus.RUNNING;
  private SagaStatus published;

  public SagaStatus current() {
    return current;
  }

  /** Records where the saga stands without writing the attribute (the happy path's end). */
  public void note(SagaStatus next) {
    current = next;
  }

  /** Records where the saga stands and writes the attribute, if that changes it. */
  public void publish(SagaStatus next) {
    current = next;
    if (next != published) {
      Workflow.upsertTypedSearchAttributes(AmendsSaga.SAGA_STATUS.valueSet(next.name()));
      published = next;
    }
  }
}
