package dev.amends.activities.temporal;

import dev.amends.saga.TextRules;
import dev.amends.saga.metrics.MetricNames;
import io.micrometer.core.instrument.Metrics;
import io.temporal.activity.ActivityExecutionContext;
import io.temporal.activity.ActivityInfo;
import io.temporal.common.interceptors.ActivityInboundCallsInterceptor;
import io.temporal.common.interceptors.ActivityInboundCallsInterceptorBase;
import io.temporal.common.interceptors.WorkerInterceptorBase;
import io.temporal.failure.ApplicationFailure;
import io.temporal.failure.TemporalFailure;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tells a person when an activity keeps failing without a refusal: a database or a service that is
 * away. Such failures are retried without limit (a refusal is a non-retryable failure and ends the
 * step at once), so nothing else would show that sagas are stuck behind an outage. The alert goes
 * to the {@code amends.alert} log and the {@code amends_activity_retry_alerts} counter when the
 * attempts reach the threshold, and again at every further multiple of it. It names the failure's
 * type only: its message may carry what the caller sent.
 */
public class RetryAlerts extends WorkerInterceptorBase {
  private static final Logger log = LoggerFactory.getLogger("amends.alert");

  private final int alertAfterAttempts;

  public RetryAlerts(int alertAfterAttempts) {
    if (alertAfterAttempts < 1) {
      throw new IllegalArgumentException("alert after at least one attempt");
    }
    this.alertAfterAttempts = alertAfterAttempts;
  }

  @Override
  public ActivityInboundCallsInterceptor interceptActivity(ActivityInboundCallsInterceptor next) {
    return new ActivityInboundCallsInterceptorBase(next) {
      // Activity.getExecutionContext() answers only inside the activity's own call, which has
      // returned by the time its failure reaches this interceptor: keep the info given at init.
      private ActivityInfo info;

      @Override
      public void init(ActivityExecutionContext context) {
        info = context.getInfo();
        super.init(context);
      }

      @Override
      public ActivityOutput execute(ActivityInput input) {
        try {
          return super.execute(input);
        } catch (RuntimeException failure) {
          if (info != null && isOutage(failure)) {
            alertIfDue(info, failure);
          }
          throw failure;
        }
      }
    };
  }

  /** Whether Temporal will retry the failure: anything but a refusal or the SDK's own. */
  static boolean isOutage(RuntimeException failure) {
    if (failure instanceof ApplicationFailure app) {
      return !app.isNonRetryable();
    }
    return !(failure instanceof TemporalFailure);
  }

  void alertIfDue(ActivityInfo info, RuntimeException failure) {
    int attempt = info.getAttempt();
    if (attempt < alertAfterAttempts || attempt % alertAfterAttempts != 0) {
      return;
    }
    Metrics.counter(MetricNames.ACTIVITY_RETRY_ALERTS, "activity", info.getActivityType())
        .increment();
    log.error(
        "STILL RETRYING: saga {}, activity {}, attempt {} failed with {}; not a refusal, so amends"
            + " keeps retrying with backoff until it succeeds. Is a database or a service down?",
        info.getWorkflowId(),
        info.getActivityType(),
        attempt,
        TextRules.cut(typeOf(failure), 200));
  }

  private static String typeOf(RuntimeException failure) {
    if (failure instanceof ApplicationFailure app) {
      return app.getType();
    }
    return failure.getClass().getSimpleName();
  }
}
