package dev.amends.app.reconcile;

import io.temporal.workflow.SignalMethod;
import io.temporal.workflow.Workflow;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;

/** Stands in for a saga that is still running, until the test lets it finish. */
@WorkflowInterface
public interface HeldOpenSaga {
  @WorkflowMethod
  void hold();

  @SignalMethod
  void release();

  class Impl implements HeldOpenSaga {
    private boolean released;

    @Override
    public void hold() {
      Workflow.await(() -> released);
    }

    @Override
    public void release() {
      released = true;
    }
  }
}
