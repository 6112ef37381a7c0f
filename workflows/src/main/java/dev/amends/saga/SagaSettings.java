package dev.amends.saga;

import java.time.Duration;

/**
 * Operational settings a saga is started with (workflow code cannot read configuration, so these
 * travel in the workflow input and are fixed for the run's life).
 *
 * @param realertEvery how long an escalation may wait unanswered before the alert goes out again
 * @param undoMaximumAttempts activity attempts of one undo run before it escalates
 * @param approvalThresholdMinor a write-off of an RML-3 effect at or above this amount (minor
 *     units) needs an approver; null means 0: every such write-off does
 * @param recordingAlertAfter how long recording a decision may keep failing before the saga shows
 *     it and alerts; null means {@link #DEFAULT_RECORDING_ALERT_AFTER}
 * @param continueAsNewAfterEvents how many events a run waiting for an operator may reach before
 *     the saga continues as new (see docs/operations.md, "Long waits"); null means {@link
 *     #DEFAULT_CONTINUE_AS_NEW_AFTER_EVENTS}
 */
public record SagaSettings(
    Duration realertEvery,
    int undoMaximumAttempts,
    Long approvalThresholdMinor,
    Duration recordingAlertAfter,
    Integer continueAsNewAfterEvents) {

  public static final Duration DEFAULT_RECORDING_ALERT_AFTER = Duration.ofMinutes(2);

  /** Far below Temporal's 51,200-event limit, and a short replay for a worker that picks it up. */
  public static final int DEFAULT_CONTINUE_AS_NEW_AFTER_EVENTS = 1_000;

  /** Below this a run would continue as new again before its first re-alert. */
  public static final int MIN_CONTINUE_AS_NEW_AFTER_EVENTS = 100;

  public static final SagaSettings DEFAULTS =
      new SagaSettings(Duration.ofMinutes(30), 5, 0L, DEFAULT_RECORDING_ALERT_AFTER);

  public SagaSettings(Duration realertEvery, int undoMaximumAttempts) {
    this(realertEvery, undoMaximumAttempts, 0L, DEFAULT_RECORDING_ALERT_AFTER);
  }

  public SagaSettings(
      Duration realertEvery,
      int undoMaximumAttempts,
      Long approvalThresholdMinor,
      Duration recordingAlertAfter) {
    this(
        realertEvery,
        undoMaximumAttempts,
        approvalThresholdMinor,
        recordingAlertAfter,
        DEFAULT_CONTINUE_AS_NEW_AFTER_EVENTS);
  }

  public SagaSettings {
    if (realertEvery == null || realertEvery.isNegative() || realertEvery.isZero()) {
      throw new IllegalArgumentException("realertEvery must be positive");
    }
    if (undoMaximumAttempts < 1) {
      throw new IllegalArgumentException("undoMaximumAttempts must be at least 1");
    }
    // Sagas started before these settings existed carry neither: the safe defaults apply.
    if (approvalThresholdMinor == null) {
      approvalThresholdMinor = 0L;
    }
    if (approvalThresholdMinor < 0) {
      throw new IllegalArgumentException("approvalThresholdMinor must not be negative");
    }
    if (recordingAlertAfter == null) {
      recordingAlertAfter = DEFAULT_RECORDING_ALERT_AFTER;
    }
    if (recordingAlertAfter.isNegative() || recordingAlertAfter.isZero()) {
      throw new IllegalArgumentException("recordingAlertAfter must be positive");
    }
    if (continueAsNewAfterEvents == null) {
      continueAsNewAfterEvents = DEFAULT_CONTINUE_AS_NEW_AFTER_EVENTS;
    }
    if (continueAsNewAfterEvents < MIN_CONTINUE_AS_NEW_AFTER_EVENTS) {
      throw new IllegalArgumentException(
          "continueAsNewAfterEvents must be at least " + MIN_CONTINUE_AS_NEW_AFTER_EVENTS);
    }
  }

  /** The same settings with another continue-as-new threshold. */
  public SagaSettings withContinueAsNewAfterEvents(int events) {
    return new SagaSettings(
        realertEvery, undoMaximumAttempts, approvalThresholdMinor, recordingAlertAfter, events);
  }

  /** Whether writing off an effect of this amount (null: unknown) needs a second person. */
  public boolean writeOffNeedsApproval(Long amountMinor) {
    return amountMinor == null || amountMinor >= approvalThresholdMinor;
  }

  public static SagaSettings orDefaults(SagaSettings settings) {
    return settings == null ? DEFAULTS : settings;
  }
}
