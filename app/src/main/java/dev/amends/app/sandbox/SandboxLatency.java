package dev.amends.app.sandbox;

import java.time.Duration;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * How long each sandbox call takes, like a remote system's round trip (default none). Crash tests
 * raise it so that steps are in flight when the worker is killed.
 */
@Component
public class SandboxLatency {
  private final Duration latency;

  public SandboxLatency(@Value("${amends.sandbox.latency:0ms}") Duration latency) {
    this.latency = latency;
  }

  void pause() {
    if (latency.isZero()) {
      return;
    }
    try {
      Thread.sleep(latency.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for the sandbox", e);
    }
  }
}
