package dev.amends.app.reconcile;

import jakarta.annotation.PreDestroy;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * The embedded default's stand-in for the reconciler's schedule: the in-process Temporal test
 * server has no schedules, so a timer in the application starts the same workflow at the same
 * interval. On a real server (the {@code real} profile) {@link ReconcilerSchedule} keeps a Temporal
 * Schedule instead.
 */
@Component
@ConditionalOnProperty(
    prefix = "spring.temporal.test-server",
    name = "enabled",
    havingValue = "true")
public class EmbeddedReconcilerTimer {
  private static final Logger log = LoggerFactory.getLogger(EmbeddedReconcilerTimer.class);

  private final ReconcilerRunner runs;
  private final ReconcilerProperties properties;
  private ScheduledExecutorService timer;

  public EmbeddedReconcilerTimer(ReconcilerRunner runs, ReconcilerProperties properties) {
    this.runs = runs;
    this.properties = properties;
  }

  @EventListener(ApplicationReadyEvent.class)
  public void start() {
    if (!properties.enabled()) {
      return;
    }
    long every = properties.every().toMillis();
    timer = Executors.newSingleThreadScheduledExecutor(r -> new Thread(r, "reconciler-timer"));
    timer.scheduleWithFixedDelay(this::runOnce, every, every, TimeUnit.MILLISECONDS);
    log.info(
        "reconciler every {} (embedded test server: a timer stands in for the schedule)",
        properties.every());
  }

  private void runOnce() {
    try {
      runs.startNow("timer");
    } catch (RuntimeException e) {
      log.warn("could not start a reconciler run; the next tick tries again", e);
    }
  }

  @PreDestroy
  public void stop() {
    if (timer != null) {
      timer.shutdownNow();
    }
  }
}
