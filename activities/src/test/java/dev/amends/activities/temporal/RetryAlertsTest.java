package dev.amends.activities.temporal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.amends.saga.metrics.MetricNames;
import io.micrometer.core.instrument.Metrics;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.temporal.activity.ActivityExecutionContext;
import io.temporal.activity.ActivityInfo;
import io.temporal.common.interceptors.ActivityInboundCallsInterceptor;
import io.temporal.failure.ApplicationFailure;
import io.temporal.failure.CanceledFailure;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessResourceFailureException;

class RetryAlertsTest {
  private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
  private final ListAppender<ILoggingEvent> alerts = new ListAppender<>();
  private final Logger alertLog = (Logger) LoggerFactory.getLogger("amends.alert");
  private final RetryAlerts retryAlerts = new RetryAlerts(10);

  @BeforeEach
  void capture() {
    Metrics.addRegistry(meters);
    alerts.start();
    alertLog.addAppender(alerts);
  }

  @AfterEach
  void release() {
    alertLog.detachAppender(alerts);
    Metrics.removeRegistry(meters);
  }

  @Test
  void onlyFailuresTemporalRetriesCountAsOutages() {
    assertThat(RetryAlerts.isOutage(new DataAccessResourceFailureException("db away"))).isTrue();
    assertThat(RetryAlerts.isOutage(ApplicationFailure.newFailure("timeout", "SocketTimeout")))
        .isTrue();
    assertThat(
            RetryAlerts.isOutage(
                ApplicationFailure.newNonRetryableFailure("declined", "CARD_DECLINED")))
        .isFalse();
    assertThat(RetryAlerts.isOutage(new CanceledFailure("cancelled"))).isFalse();
  }

  @Test
  void anOutageIsAlertedAtTheThresholdAndEveryMultiple_namingItsTypeNotItsMessage() {
    for (int attempt = 1; attempt <= 25; attempt++) {
      retryAlerts.alertIfDue(
          info("order-7", "chargeCard", attempt),
          new DataAccessResourceFailureException("connection to db for jane@example.com refused"));
    }

    assertThat(alerts.list).hasSize(2);
    assertThat(alerts.list.get(0).getFormattedMessage())
        .startsWith(
            "STILL RETRYING: saga order-7, activity chargeCard, attempt 10 failed with"
                + " DataAccessResourceFailureException")
        .doesNotContain("jane@example.com");
    assertThat(alerts.list.get(1).getFormattedMessage()).contains("attempt 20");
    assertThat(meters.counter(MetricNames.ACTIVITY_RETRY_ALERTS, "activity", "chargeCard").count())
        .isEqualTo(2);
  }

  @Test
  void anActivityFailingWithAnOutageIsAlertedThroughTheInterceptor_andItsFailureIsKept() {
    RuntimeException outage = new DataAccessResourceFailureException("db away");
    ActivityInboundCallsInterceptor failing =
        new ActivityInboundCallsInterceptor() {
          @Override
          public void init(ActivityExecutionContext context) {}

          @Override
          public ActivityOutput execute(ActivityInput input) {
            throw outage;
          }
        };
    ActivityInboundCallsInterceptor intercepted = retryAlerts.interceptActivity(failing);
    ActivityExecutionContext context = mock(ActivityExecutionContext.class);
    ActivityInfo info = info("order-8", "createShipment", 10);
    when(context.getInfo()).thenReturn(info);
    intercepted.init(context);

    assertThatThrownBy(() -> intercepted.execute(null)).isSameAs(outage);
    assertThat(alerts.list).hasSize(1);
    assertThat(alerts.list.get(0).getFormattedMessage())
        .contains("saga order-8, activity createShipment");
  }

  private static ActivityInfo info(String workflowId, String activity, int attempt) {
    ActivityInfo info = mock(ActivityInfo.class);
    when(info.getWorkflowId()).thenReturn(workflowId);
    when(info.getActivityType()).thenReturn(activity);
    when(info.getAttempt()).thenReturn(attempt);
    return info;
  }
}
