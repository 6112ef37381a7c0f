package dev.amends.app.reconcile;

import static org.mockito.Mockito.after;
import static org.mockito.Mockito.clearInvocations;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.timeout;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoMoreInteractions;
import static org.mockito.Mockito.when;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** On the embedded server the timer stands in for the schedule: it starts runs, and stops. */
class EmbeddedReconcilerTimerTest {

  @Test
  void itStartsARunEveryIntervalUntilStopped() {
    ReconcilerRunner runner = mock(ReconcilerRunner.class);
    EmbeddedReconcilerTimer timer =
        new EmbeddedReconcilerTimer(
            runner, new ReconcilerProperties(true, Duration.ofMillis(50), 10));

    timer.start();
    verify(runner, timeout(2_000).atLeast(3)).startNow("timer");
    timer.stop();

    clearInvocations(runner);
    verify(runner, after(300).never()).startNow("timer");
  }

  @Test
  void aFailedStartIsTriedAgainAtTheNextTick() {
    ReconcilerRunner runner = mock(ReconcilerRunner.class);
    when(runner.startNow("timer"))
        .thenThrow(new IllegalStateException("server down"))
        .thenReturn("amends-reconciler-timer-1");
    EmbeddedReconcilerTimer timer =
        new EmbeddedReconcilerTimer(
            runner, new ReconcilerProperties(true, Duration.ofMillis(50), 10));

    timer.start();
    verify(runner, timeout(2_000).atLeast(2)).startNow("timer");
    timer.stop();
  }

  @Test
  void disabledItStartsNothing() {
    ReconcilerRunner runner = mock(ReconcilerRunner.class);
    EmbeddedReconcilerTimer timer =
        new EmbeddedReconcilerTimer(
            runner, new ReconcilerProperties(false, Duration.ofMillis(50), 10));

    timer.start();
    verify(runner, after(300).never()).startNow("timer");
    verifyNoMoreInteractions(runner);
    timer.stop();
  }
}
