package dev.amends.spring.config;

import dev.amends.activities.escalation.RunbookLinks;
import dev.amends.saga.SagaSettings;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * amends' own settings.
 *
 * @param realertEvery how long an escalation waits unanswered before its alert goes out again
 * @param undoMaximumAttempts activity attempts of one undo run before it escalates
 * @param runbookBaseUrl prefix that turns a step's runbook path into a link (for the operator API
 *     and the alerts alike)
 * @param recordingAlertAfter how long recording an accepted decision may keep failing (the database
 *     is down) before the saga shows it and alerts; it keeps retrying
 * @param retryAlertAfterAttempts attempts of an activity failing without a refusal (an outage: it
 *     is retried without limit) after which amends alerts, and again at every multiple
 * @param temporalCallTimeout how long one call to the Temporal server (a saga start, a query, a
 *     signal) keeps retrying while the server cannot be reached; then the REST API answers 503
 * @param workerShutdownTimeout on SIGTERM, how long the worker waits for the steps it is running to
 *     finish before the process exits
 * @param continueAsNewAfterEvents how many history events a saga's run waiting for an operator may
 *     reach before the saga continues as new, with the same id and state (at least 100)
 */
@ConfigurationProperties("amends")
public record AmendsProperties(
    @DefaultValue("30m") Duration realertEvery,
    @DefaultValue("5") int undoMaximumAttempts,
    @DefaultValue("/") String runbookBaseUrl,
    @DefaultValue("2m") Duration recordingAlertAfter,
    @DefaultValue("1000") int continueAsNewAfterEvents,
    @DefaultValue("10") int retryAlertAfterAttempts,
    @DefaultValue("5s") Duration temporalCallTimeout,
    @DefaultValue("30s") Duration workerShutdownTimeout)
    implements RunbookLinks {

  /** The settings sagas start with; the approval threshold is a security setting. */
  public SagaSettings sagaSettings(long approvalThresholdMinor) {
    return new SagaSettings(
        realertEvery,
        undoMaximumAttempts,
        approvalThresholdMinor,
        recordingAlertAfter,
        continueAsNewAfterEvents);
  }

  @Override
  public String runbookUrl(String runbook) {
    if (runbook == null) {
      return null;
    }
    return runbookBaseUrl.endsWith("/") ? runbookBaseUrl + runbook : runbookBaseUrl + "/" + runbook;
  }
}
