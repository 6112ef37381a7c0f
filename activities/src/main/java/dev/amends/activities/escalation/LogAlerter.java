package dev.amends.activities.escalation;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The channel that is always there: an ERROR log line a log-based alert rule can match. It is
 * written for every alert, so it stays the fallback when a webhook cannot be reached.
 */
public class LogAlerter implements Alerter {
  private static final Logger log = LoggerFactory.getLogger("amends.alert");

  @Override
  public void alert(AlertNotice notice) {
    log.error(
        "{} [{} to {}, delivery {}]",
        notice.message(),
        notice.kind(),
        notice.audience(),
        notice.deliveryId());
  }
}
