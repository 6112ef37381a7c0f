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

  /** The status last written to the attribute, or null. */
  public SagaStatus published() {
    return published;
  }

  /**
   * Takes over where a saga stood in the run this one continues; the attribute itself is carried
   * over by the continue-as-new, so nothing is written.
   */
  public void restore(SagaStatus current, SagaStatus published) {
    this.current = current;
    this.published = published;
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
