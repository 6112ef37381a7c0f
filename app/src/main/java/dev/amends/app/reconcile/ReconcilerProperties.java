package dev.amends.app.reconcile;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The reconciler's settings.
 *
 * @param enabled whether the application keeps the reconciler's schedule (or, on the embedded test
 *     server, which has no schedules, its timer)
 * @param every how often it runs
 * @param maxFixes at most this many drifts settled per run; the rest wait for the next
 */
@ConfigurationProperties("amends.reconciler")
public record ReconcilerProperties(
    @DefaultValue("true") boolean enabled,
    @DefaultValue("5m") Duration every,
    @DefaultValue("200") int maxFixes) {

  public ReconcilerProperties {
    if (every.isNegative() || every.isZero()) {
      throw new IllegalArgumentException("amends.reconciler.every must be positive");
    }
    if (maxFixes < 1) {
      throw new IllegalArgumentException("amends.reconciler.max-fixes must be at least 1");
    }
  }
}
