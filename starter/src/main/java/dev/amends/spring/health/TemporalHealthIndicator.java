package dev.amends.spring.health;

import io.temporal.api.workflowservice.v1.GetSystemInfoRequest;
import io.temporal.serviceclient.WorkflowServiceStubs;
import java.util.concurrent.TimeUnit;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

/**
 * Whether the Temporal frontend answers: without it no saga moves, so readiness includes it. A
 * system-info call is the cheapest the frontend answers; it runs with a short deadline so a probe
 * never hangs.
 */
public class TemporalHealthIndicator implements HealthIndicator {
  private final WorkflowServiceStubs stubs;

  public TemporalHealthIndicator(WorkflowServiceStubs stubs) {
    this.stubs = stubs;
  }

  @Override
  public Health health() {
    try {
      stubs
          .blockingStub()
          .withDeadlineAfter(2, TimeUnit.SECONDS)
          .getSystemInfo(GetSystemInfoRequest.getDefaultInstance());
      return Health.up().build();
    } catch (RuntimeException unreachable) {
      return Health.down().withDetail("error", unreachable.getClass().getSimpleName()).build();
    }
  }
}
