package dev.amends.saga;

import java.time.Duration;

/**
 * Operational settings a saga is started with (workflow code cannot read configuration, so these
 * travel in the workflow input and are fixed for the run's life).
 *
 * @param realertEvery how long an escalation may wait unanswered before the alert goes out again
 * @param undoMaximumAttempts activity attempts of one undo run before it escalates
 */
public record SagaSettings(Duration realertEvery, int undoMaximumAttempts) {

  public static final SagaSettings DEFAULTS = new SagaSettings(Duration.ofMinutes(30), 5);

  public SagaSettings {
    if (realertEvery == null || realertEvery.isNegative() || realertEvery.isZero()) {
      throw new IllegalArgumentException("realertEvery must be positive");
    }
    if (undoMaximumAttempts < 1) {
      throw new IllegalArgumentException("undoMaximumAttempts must be at least 1");
    }
  }

  public static SagaSettings orDefaults(SagaSettings settings) {
    return settings == null ? DEFAULTS : settings;
  }
}
