package dev.amends.saga;

import dev.amends.saga.metrics.MetricNames;
import io.temporal.workflow.Workflow;
import java.util.Map;

/**
 * Counts what a saga and its escalation desk do, through the workflow's metrics scope: that scope
 * counts nothing while the workflow replays, so a counter moves once per event however often the
 * history is replayed. Recording a metric is not a command and leaves the history as it was.
 */
final class SagaMetrics {
  private SagaMetrics() {}

  static void saga(String name, String flow) {
    count(name, Map.of("flow", flow));
  }

  static void step(String name, String flow, String step, World world) {
    count(name, Map.of("flow", flow, "step", step, "world", world.level()));
  }

  static void decision(String flow, String action) {
    count(MetricNames.DECISIONS, Map.of("flow", flow, "action", action));
  }

  static void rejectedDecision(String flow) {
    count(MetricNames.DECISIONS_REJECTED, Map.of("flow", flow));
  }

  private static void count(String name, Map<String, String> tags) {
    Workflow.getMetricsScope().tagged(tags).counter(name).inc(1);
  }
}
