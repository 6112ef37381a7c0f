package dev.amends.app;

/** Task-queue names, in one place for workers and clients alike. */
public final class TaskQueues {
  /** The queue every amends workflow and activity is served on. */
  public static final String AMENDS = "amends";

  private TaskQueues() {}
}
