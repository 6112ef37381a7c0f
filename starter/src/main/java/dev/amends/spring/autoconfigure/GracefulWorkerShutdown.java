package dev.amends.spring.autoconfigure;

import io.temporal.worker.WorkerFactory;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.SmartLifecycle;

/**
 * On SIGTERM, lets the steps a worker is running finish and report before the process exits: the
 * worker stops taking tasks, then waits (at most amends.worker-shutdown-timeout) for its running
 * activities, before the data source and the connection to Temporal are closed. Without it the
 * factory is only told to shut down, the database goes away under a running step, and the step's
 * outcome is lost until its timeout sends it to another worker.
 *
 * <p>Stops after the web server (a lower phase stops later), so requests in flight finish first.
 */
class GracefulWorkerShutdown implements SmartLifecycle {
  private static final Logger log = LoggerFactory.getLogger(GracefulWorkerShutdown.class);

  /** Below the web server's graceful-shutdown and stop phases. */
  static final int PHASE = SmartLifecycle.DEFAULT_PHASE - 4096;

  private final ObjectProvider<WorkerFactory> factories;
  private final Duration timeout;
  private volatile boolean running;

  GracefulWorkerShutdown(ObjectProvider<WorkerFactory> factories, Duration timeout) {
    this.factories = factories;
    this.timeout = timeout;
  }

  @Override
  public void start() {
    running = true;
  }

  @Override
  public void stop() {
    running = false;
    factories.orderedStream().forEach(this::drain);
  }

  private void drain(WorkerFactory factory) {
    if (!factory.isStarted() || factory.isTerminated()) {
      return;
    }
    long started = System.nanoTime();
    factory.shutdown();
    factory.awaitTermination(timeout.toMillis(), TimeUnit.MILLISECONDS);
    Duration took = Duration.ofNanos(System.nanoTime() - started);
    if (factory.isTerminated()) {
      log.info("worker stopped after its running tasks finished ({} ms)", took.toMillis());
    } else {
      log.warn(
          "worker still running tasks after {} s; stopping it now: their steps are retried by"
              + " another worker after their timeout",
          timeout.toSeconds());
      factory.shutdownNow();
    }
  }

  @Override
  public boolean isRunning() {
    return running;
  }

  @Override
  public int getPhase() {
    return PHASE;
  }
}
