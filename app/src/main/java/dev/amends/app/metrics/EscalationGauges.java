package dev.amends.app.metrics;

import dev.amends.activities.escalation.EscalationRecord;
import dev.amends.activities.escalation.EscalationStore;
import dev.amends.app.order.OrderWorkflowImpl;
import dev.amends.app.reconcile.DriftEscalationWorkflow;
import dev.amends.saga.World;
import dev.amends.saga.metrics.MetricNames;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * Open escalations, the age of the oldest and pending write-off approvals, per flow and world, read
 * from the escalation store. A scrape reads a snapshot at most {@link #FRESH_FOR} old, so frequent
 * scrapes (or several registries) do not each query the database.
 */
@Component
public class EscalationGauges implements MeterBinder {
  static final Duration FRESH_FOR = Duration.ofSeconds(5);

  private final EscalationStore store;
  private final Clock clock;
  private volatile Snapshot snapshot;
  private MeterRegistry registry;
  private final Set<String> registered = new HashSet<>();

  @Autowired
  public EscalationGauges(EscalationStore store) {
    this(store, Clock.systemUTC());
  }

  EscalationGauges(EscalationStore store, Clock clock) {
    this.store = store;
    this.clock = clock;
  }

  @Override
  public synchronized void bindTo(MeterRegistry meters) {
    this.registry = meters;
    for (String flow :
        List.of(OrderWorkflowImpl.DEFINITION.name(), DriftEscalationWorkflow.SAGA_NAME)) {
      register(flow);
    }
  }

  /** Flows are few and known; each gets its gauges once. */
  private synchronized void register(String flow) {
    if (registry == null || !registered.add(flow)) {
      return;
    }
    for (World world : World.values()) {
      String level = world.level();
      Gauge.builder(MetricNames.ESCALATIONS_OPEN, this, g -> g.open(flow, level))
          .tags("flow", flow, "world", level)
          .description("escalations waiting for a decision")
          .register(registry);
      Gauge.builder(MetricNames.ESCALATION_OLDEST_AGE, this, g -> g.oldestAge(flow, level))
          .tags("flow", flow, "world", level)
          .description("age of the oldest open escalation, 0 when none")
          .baseUnit("seconds")
          .register(registry);
    }
    Gauge.builder(MetricNames.APPROVALS_PENDING, this, g -> g.approvals(flow))
        .tags("flow", flow)
        .description("write-offs waiting for an approver")
        .register(registry);
  }

  double open(String flow, String world) {
    return current().open.stream().filter(e -> matches(e, flow, world)).count();
  }

  double oldestAge(String flow, String world) {
    Snapshot now = current();
    return now.open.stream()
        .filter(e -> matches(e, flow, world))
        .map(EscalationRecord::openedAt)
        .min(Instant::compareTo)
        .map(opened -> Math.max(0, Duration.between(opened, now.readAt).toMillis() / 1000.0))
        .orElse(0.0);
  }

  double approvals(String flow) {
    return current().open.stream()
        .filter(e -> flow.equals(e.sagaName()) && e.awaitsApproval())
        .count();
  }

  private static boolean matches(EscalationRecord e, String flow, String world) {
    return flow.equals(e.sagaName()) && world.equals(e.world());
  }

  private Snapshot current() {
    Snapshot held = snapshot;
    Instant now = clock.instant();
    if (held != null && held.readAt.plus(FRESH_FOR).isAfter(now)) {
      return held;
    }
    synchronized (this) {
      held = snapshot;
      if (held == null || !held.readAt.plus(FRESH_FOR).isAfter(now)) {
        held = new Snapshot(store.list(true), now);
        snapshot = held;
      }
      return held;
    }
  }

  private record Snapshot(List<EscalationRecord> open, Instant readAt) {}
}
