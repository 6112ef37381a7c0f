package dev.amends.app.reconcile;

/** Whether a saga still runs: a running saga owns its effects, so the reconciler leaves them. */
public interface LiveSagas {
  boolean isRunning(String sagaId);
}
