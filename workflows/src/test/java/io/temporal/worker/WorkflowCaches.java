package io.temporal.worker;

/**
 * Empties a worker factory's workflow cache, as restarting the worker does: each workflow's next
 * task replays its history on the code of the moment. The cache is not public API, hence this
 * package.
 */
public final class WorkflowCaches {
  private WorkflowCaches() {}

  public static void invalidateAll(WorkerFactory factory) {
    factory.getCache().invalidateAll();
  }
}
