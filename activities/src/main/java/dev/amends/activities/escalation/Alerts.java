package dev.amends.activities.escalation;

import dev.amends.activities.escalation.webhook.WebhookAlerter;
import dev.amends.saga.metrics.MetricNames;
import io.micrometer.core.instrument.Metrics;
import io.temporal.activity.Activity;
import io.temporal.failure.ApplicationFailure;
import java.util.function.IntSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Sends an alert about an escalation from inside an escalation activity: records it, writes the log
 * line, and delivers it to the webhook of its audience when one is configured.
 *
 * <p>A failed webhook delivery fails the activity attempt, so Temporal retries it with backoff,
 * until {@code amends.alerts.webhook.max-attempts}; the last attempt records the alert as failed
 * and returns, because the escalation must go on waiting and the log line has already been written.
 * The alert row says how far it got, so a retried attempt never sends an alert again once it was
 * delivered.
 */
public class Alerts {
  /** The failure type a failed delivery attempt throws; Temporal retries it. */
  public static final String DELIVERY_FAILED = "ALERT_DELIVERY_FAILED";

  private static final Logger log = LoggerFactory.getLogger("amends.alert");

  private final EscalationStore store;
  private final Alerter logAlerter;
  private final WebhookAlerter webhook;
  private final IntSupplier attempt;

  @Autowired
  public Alerts(
      EscalationStore store, LogAlerter logAlerter, ObjectProvider<WebhookAlerter> webhook) {
    this(store, logAlerter, webhook.getIfAvailable(), Alerts::activityAttempt);
  }

  /**
   * @param webhook null when no webhook is configured
   * @param attempt the current activity attempt, counted from 1
   */
  public Alerts(
      EscalationStore store, Alerter logAlerter, WebhookAlerter webhook, IntSupplier attempt) {
    this.store = store;
    this.logAlerter = logAlerter;
    this.webhook = webhook;
    this.attempt = attempt;
  }

  /** Alerts through the log alone. */
  public static Alerts logOnly(EscalationStore store) {
    return new Alerts(store, new LogAlerter(), null, Alerts::activityAttempt);
  }

  /**
   * Sends the alert once, however often the calling activity is retried. Call it from an activity.
   *
   * @throws ApplicationFailure of type {@link #DELIVERY_FAILED} when the webhook failed and
   *     attempts remain
   */
  public void send(AlertNotice notice) {
    boolean viaWebhook = webhook != null && webhook.reaches(notice.audience());
    store.recordAlert(notice, viaWebhook ? AlertDelivery.PENDING : AlertDelivery.LOGGED);
    AlertRecord recorded = store.alert(notice);
    if (recorded.delivery() == AlertDelivery.LOGGED) {
      logAlerter.alert(notice);
      count(MetricNames.ALERTS_SENT, notice);
      return;
    }
    if (recorded.delivery().settled()) {
      return; // a retried activity: this alert was delivered, or given up on, already
    }
    if (recorded.deliveryAttempts() == 0) {
      logAlerter.alert(notice);
    }
    if (!viaWebhook) {
      // The webhook was configured when the alert was recorded and is gone since: the log it is.
      store.recordDelivery(notice, AlertDelivery.LOGGED, recorded.deliveryAttempts(), null);
      count(MetricNames.ALERTS_SENT, notice);
      return;
    }
    deliver(notice);
  }

  /**
   * Sends an alert that cannot be recorded because the store itself does not answer: the log line,
   * and the webhook when configured, on every attempt of the calling activity (receivers drop
   * repeats by delivery id). A failed webhook leaves the log line as the channel.
   */
  public void sendWithoutStore(AlertNotice notice) {
    logAlerter.alert(notice);
    if (webhook == null || !webhook.reaches(notice.audience())) {
      return;
    }
    try {
      webhook.alert(notice);
    } catch (AlertDeliveryException failed) {
      log.error(
          "alert {} could not be delivered by webhook ({}); the log line is its only channel",
          notice.deliveryId(),
          failed.getMessage());
    }
  }

  private void deliver(AlertNotice notice) {
    int current = attempt.getAsInt();
    try {
      webhook.alert(notice);
      store.recordDelivery(notice, AlertDelivery.DELIVERED, current, null);
      count(MetricNames.ALERTS_SENT, notice);
    } catch (AlertDeliveryException failed) {
      if (current < webhook.maxAttempts()) {
        store.recordDelivery(notice, AlertDelivery.PENDING, current, failed.getMessage());
        throw ApplicationFailure.newFailure(
            "alert "
                + notice.deliveryId()
                + " not delivered on attempt "
                + current
                + " of "
                + webhook.maxAttempts()
                + ": "
                + failed.getMessage(),
            DELIVERY_FAILED);
      }
      store.recordDelivery(notice, AlertDelivery.FAILED, current, failed.getMessage());
      count(MetricNames.ALERTS_FAILED, notice);
      log.error(
          "alert {} could not be delivered by webhook in {} attempts ({}); the log line is its"
              + " only channel",
          notice.deliveryId(),
          current,
          failed.getMessage());
    }
  }

  private static void count(String name, AlertNotice notice) {
    Metrics.counter(name, "flow", notice.escalation().sagaName(), "kind", notice.kind().name())
        .increment();
  }

  private static int activityAttempt() {
    return Activity.getExecutionContext().getInfo().getAttempt();
  }
}
