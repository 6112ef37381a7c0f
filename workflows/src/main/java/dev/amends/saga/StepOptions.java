package dev.amends.saga;

import io.temporal.activity.ActivityOptions;
import io.temporal.common.RetryOptions;
import java.time.Duration;

/**
 * Activity options for a flow's forward steps that tell an outage from a refusal. A business
 * refusal (card declined, out of stock) must be thrown as a non-retryable {@code
 * ApplicationFailure}: it fails the step at once and the saga compensates. Anything else — a
 * database or a network that is away, a timeout — is retried without limit, backing off to one
 * attempt every 30 seconds, so an outage delays sagas instead of undoing them. amends alerts when a
 * step keeps failing ({@code amends.retry-alert-after-attempts}).
 */
public final class StepOptions {
  /** The longest wait between two attempts of a step that keeps failing. */
  public static final Duration MAXIMUM_BACKOFF = Duration.ofSeconds(30);

  private StepOptions() {}

  /**
   * Options for forward steps whose single attempt takes at most {@code startToClose}; keep the
   * timeouts of what a step calls (a connection pool's, an HTTP client's) below it.
   */
  public static ActivityOptions forwardSteps(Duration startToClose) {
    return ActivityOptions.newBuilder()
        .setStartToCloseTimeout(startToClose)
        .setRetryOptions(
            RetryOptions.newBuilder()
                .setInitialInterval(Duration.ofSeconds(1))
                .setBackoffCoefficient(2)
                .setMaximumInterval(MAXIMUM_BACKOFF)
                // 0: no limit. Refusals end the step through their non-retryable failure.
                .setMaximumAttempts(0)
                .build())
        .build();
  }
}
