package dev.amends.app.order;

import static org.assertj.core.api.Assertions.assertThat;

import com.uber.m3.tally.RootScopeBuilder;
import com.uber.m3.tally.Scope;
import dev.amends.saga.SagaState;
import dev.amends.saga.SagaStatus;
import dev.amends.saga.SignalPayloads;
import dev.amends.saga.metrics.MetricNames;
import dev.amends.testkit.InMemoryEscalations;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.temporal.api.enums.v1.IndexedValueType;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowStub;
import io.temporal.common.reporter.MicrometerClientStatsReporter;
import io.temporal.testing.TestEnvironmentOptions;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.worker.Worker;
import io.temporal.worker.WorkerFactoryOptions;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The saga's counters go through the workflow's metrics scope. The worker caches one workflow, so a
 * saga waiting for an operator is evicted when another one runs, and replays its whole history
 * before it takes the decision: each event must still count exactly once.
 */
class SagaMetricsReplayTest {
  private static final String FLOW = "order-fulfilment";

  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
  private final InMemoryOrderActivities activities = new InMemoryOrderActivities();
  private final InMemoryEscalations escalations = new InMemoryEscalations();
  private Scope scope;
  private TestWorkflowEnvironment env;
  private WorkflowClient client;

  @BeforeEach
  void start() {
    scope =
        new RootScopeBuilder()
            .reporter(new MicrometerClientStatsReporter(registry))
            .reportEvery(com.uber.m3.util.Duration.ofMillis(50));
    env =
        TestWorkflowEnvironment.newInstance(
            TestEnvironmentOptions.newBuilder()
                .setMetricsScope(scope)
                .setWorkerFactoryOptions(
                    WorkerFactoryOptions.newBuilder().setWorkflowCacheSize(1).build())
                .registerSearchAttribute("SagaStatus", IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD)
                .build());
    Worker worker = env.newWorker("metrics");
    worker.registerWorkflowImplementationTypes(OrderWorkflowImpl.class);
    worker.registerActivitiesImplementations(activities, escalations);
    env.start();
    client = env.getWorkflowClient();
  }

  @AfterEach
  void stop() {
    env.close();
  }

  @Test
  void givenASagaEvictedAndReplayed_itCountsEachEventOnce() throws Exception {
    activities.failStep(OrderWorkflowImpl.SHIP).failUndo("refundCharge");
    WorkflowStub escalated = run("m-esc");
    awaitStatus("m-esc", SagaStatus.NEEDS_OPERATOR);
    escalated.signal("resolveEscalation", SignalPayloads.of(Map.of("escalationId", "nope")));
    awaitRejected("m-esc");
    activities.healStep(OrderWorkflowImpl.SHIP);
    // Takes the only cache slot: the waiting saga replays from its history on the next signal.
    assertThat(run("m-ok").getResult(OrderResult.class).status()).isEqualTo(SagaStatus.COMPLETED);
    activities.heal("refundCharge");
    escalated.signal(
        "resolveEscalation",
        SignalPayloads.of(
            Map.of("escalationId", "chargeCard-1", "action", "RETRY", "operator", "ana")));
    assertThat(escalated.getResult(OrderResult.class).status())
        .isEqualTo(SagaStatus.COMPENSATED_WITH_OPERATOR);
    scope.close(); // reports what is pending

    assertThat(count(MetricNames.SAGAS_STARTED, "flow", FLOW)).isEqualTo(2);
    assertThat(count(MetricNames.SAGAS_COMPLETED, "flow", FLOW)).isEqualTo(1);
    assertThat(count(MetricNames.SAGAS_COMPENSATED_WITH_OPERATOR, "flow", FLOW)).isEqualTo(1);
    assertThat(count(MetricNames.SAGAS_COMPENSATED, "flow", FLOW)).isZero();
    assertThat(count(MetricNames.UNDO_ATTEMPTS, "step", OrderWorkflowImpl.CHARGE)).isEqualTo(2);
    assertThat(count(MetricNames.UNDO_ATTEMPTS, "world", "RML-2")).isEqualTo(2);
    assertThat(count(MetricNames.UNDO_ESCALATED, "step", OrderWorkflowImpl.CHARGE)).isEqualTo(1);
    assertThat(count(MetricNames.ESCALATIONS_OPENED, "world", "RML-3")).isEqualTo(1);
    assertThat(count(MetricNames.DECISIONS, "action", "RETRY")).isEqualTo(1);
    assertThat(count(MetricNames.DECISIONS_REJECTED, "flow", FLOW)).isEqualTo(1);
  }

  private WorkflowStub run(String orderId) {
    OrderWorkflow order =
        client.newWorkflowStub(
            OrderWorkflow.class,
            WorkflowOptions.newBuilder()
                .setTaskQueue("metrics")
                .setWorkflowId(OrderWorkflow.workflowId(orderId))
                .build());
    WorkflowClient.start(order::fulfil, OrderFixtures.input(orderId));
    return WorkflowStub.fromTyped(order);
  }

  private void awaitStatus(String orderId, SagaStatus wanted) throws InterruptedException {
    OrderWorkflow order =
        client.newWorkflowStub(OrderWorkflow.class, OrderWorkflow.workflowId(orderId));
    for (int i = 0; i < 200; i++) {
      SagaState state = order.sagaState();
      if (state.status() == wanted) {
        return;
      }
      Thread.sleep(50);
    }
    throw new AssertionError(orderId + " never reached " + wanted);
  }

  private void awaitRejected(String orderId) throws InterruptedException {
    OrderWorkflow order =
        client.newWorkflowStub(OrderWorkflow.class, OrderWorkflow.workflowId(orderId));
    for (int i = 0; i < 200 && order.sagaState().rejectedDecisionCount() == 0; i++) {
      Thread.sleep(50);
    }
  }

  /** The sum over every series of the counter whose tag has the value. */
  private double count(String name, String tag, String value) {
    return registry.find(name).tag(tag, value).counters().stream()
        .mapToDouble(Counter::count)
        .sum();
  }
}
