package dev.amends.spring.autoconfigure;

import io.temporal.worker.WorkerFactory;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.ApplicationContext;
import org.springframework.context.ApplicationListener;
import org.springframework.context.event.ContextClosedEvent;

/**
 * On SIGTERM, lets the steps a worker is running finish and report before the process exits: when
 * the application context closes, the worker stops taking tasks, then waits (at most
 * amends.worker-shutdown-timeout) for its running activities, before the web server stops and the
 * data source and the connection to Temporal are closed. Without it the factory is only told to
 * shut down, the database goes away under a running step, and the step's outcome is lost until its
 * timeout sends it to another worker.
 *
 * <p>It listens for the context's closing rather than being a lifecycle bean: a lifecycle stop also
 * happens when a test framework pauses a cached context, and a worker factory cannot start again.
 */
class GracefulWorkerShutdown implements ApplicationListener<ContextClosedEvent> {
  private static final Logger log = LoggerFactory.getLogger(GracefulWorkerShutdown.class);

  private final ApplicationContext context;
  private final ObjectProvider<WorkerFactory> factories;
  private final Duration timeout;

  GracefulWorkerShutdown(
      ApplicationContext context, ObjectProvider<WorkerFactory> factories, Duration timeout) {
    this.context = context;
    this.factories = factories;
    this.timeout = timeout;
  }

  @Override
  public void onApplicationEvent(ContextClosedEvent event) {
    if (event.getApplicationContext() == context) {
      factories.orderedStream().forEach(this::drain);
    }
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
}
