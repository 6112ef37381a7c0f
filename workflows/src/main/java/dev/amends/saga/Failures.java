package dev.amends.saga;

import io.temporal.api.enums.v1.RetryState;
import io.temporal.failure.ActivityFailure;
import io.temporal.failure.ApplicationFailure;
import io.temporal.failure.CanceledFailure;
import io.temporal.failure.TimeoutFailure;

/** Says in one line what went wrong, from the root of a Temporal failure chain. */
public final class Failures {
  private Failures() {}

  public static String describe(Throwable failure) {
    Throwable root = failure;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    if (root instanceof ApplicationFailure app) {
      String type = app.getType();
      return (type == null || type.isBlank() ? "" : type + ": ") + app.getOriginalMessage();
    }
    if (root instanceof TimeoutFailure timeout) {
      return "timed out (" + timeout.getTimeoutType() + ")";
    }
    if (root instanceof CanceledFailure) {
      return "cancelled";
    }
    String message = root.getMessage();
    return root.getClass().getSimpleName() + (message == null ? "" : ": " + message);
  }

  /**
   * Activity attempts one failed run used up: the whole retry policy when it ran out, otherwise one
   * (a non-retryable failure ends the run at the attempt that raised it).
   */
  static int attemptsUsed(Throwable failure, int maximumAttempts) {
    if (failure instanceof ActivityFailure activity
        && activity.getRetryState() == RetryState.RETRY_STATE_MAXIMUM_ATTEMPTS_REACHED) {
      return maximumAttempts;
    }
    return 1;
  }
}
