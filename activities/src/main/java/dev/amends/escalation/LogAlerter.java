package dev.amends.escalation;

import dev.amends.saga.Escalation;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/** The default alert channel: an ERROR log line a log-based alert rule can match. */
@Component
public class LogAlerter implements Alerter {
  private static final Logger log = LoggerFactory.getLogger("amends.alert");

  @Override
  public void alert(Escalation escalation, String message) {
    log.error(message);
  }
}
