package dev.amends.saga;

import static org.assertj.core.api.Assertions.assertThat;

import io.temporal.api.enums.v1.IndexedValueType;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.common.WorkflowExecutionHistory;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.testing.TestWorkflowExtension;
import io.temporal.worker.Worker;
import io.temporal.worker.WorkflowCaches;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

class LongWaitTest {
  private static final SagaSettings SETTINGS =
      new SagaSettings(Duration.ofMinutes(30), 2).withContinueAsNewAfterEvents(150);

  @RegisterExtension
  static final TestWorkflowExtension testWorkflow =
      TestWorkflowExtension.newBuilder()
          .registerWorkflowImplementationTypes(LongWaitProbeWorkflow.Impl.class)
          .registerSearchAttribute("SagaStatus", IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD)
          .setDoNotStart(true)
          .build();

  @Test
  void givenUndosOneAtATime_aContinuedRunKeepsTheStepResults_andUndoesTheRestInOrder(
      TestWorkflowEnvironment env, Worker worker) {
    LongWaitProbeWorkflow.RecordingSteps steps = new LongWaitProbeWorkflow.RecordingSteps();
    RecordingEscalationActivities escalations = new RecordingEscalationActivities();
    worker.registerActivitiesImplementations(steps, escalations);
    env.start();
    WorkflowClient client = env.getWorkflowClient();
    LongWaitProbeWorkflow probe =
        client.newWorkflowStub(
            LongWaitProbeWorkflow.class,
            WorkflowOptions.newBuilder()
                .setTaskQueue(worker.getTaskQueue())
                .setWorkflowId("probe-1")
                .build());
    WorkflowClient.start(probe::run, new LongWaitProbeWorkflow.Input("probe-1", SETTINGS));
    SagaState before = awaitState(client, s -> s.status() == SagaStatus.NEEDS_OPERATOR);

    env.sleep(Duration.ofDays(2));

    List<WorkflowExecutionHistory> runs = runs(client, "probe-1");
    assertThat(runs).hasSizeGreaterThan(3);
    assertThat(runs).allSatisfy(run -> assertThat(run.getEvents()).hasSizeLessThan(300));
    SagaState waiting = state(client);
    assertThat(waiting.steps()).isEqualTo(before.steps());
    assertThat(waiting.status()).isEqualTo(SagaStatus.NEEDS_OPERATOR);
    assertThat(waiting.openEscalations()).extracting(Escalation::id).containsExactly("b-1");
    assertThat(escalations.opened).hasSize(1);

    steps.heal();
    client
        .newWorkflowStub(SagaWorkflow.class, "probe-1")
        .resolveEscalation(
            SignalPayloads.of(Map.of("escalationId", "b-1", "action", "RETRY", "operator", "ana")));
    String result = client.newUntypedWorkflowStub("probe-1").getResult(String.class);

    assertThat(result).isEqualTo("compensated");
    assertThat(steps.calls)
        .containsExactly(
            "quote:probe-1",
            "act:a",
            "act:b",
            "act:c",
            "undo:c after r-b",
            // Failed for good (not retryable), then retried once healed, in a later run.
            "undo:b after r-a",
            "undo:b after r-a",
            "undo:a with q-probe-1");
    SagaState settled = state(client);
    assertThat(settled.status()).isEqualTo(SagaStatus.COMPENSATED_WITH_OPERATOR);
    assertThat(settled.steps())
        .extracting(StepState::status)
        .containsExactly(
            StepStatus.DISCARDED, StepStatus.UNDONE, StepStatus.UNDONE, StepStatus.UNDONE);
  }

  @Test
  @Timeout(300)
  void givenASagaThatWaitedPastTheThresholdBeforeTheUpgrade_itContinuesAsNewAfterIt() {
    LongWaitProbeWorkflow.RecordingSteps steps = new LongWaitProbeWorkflow.RecordingSteps();
    TestWorkflowEnvironment env = TestWorkflowEnvironment.newInstance();
    try {
      env.registerSearchAttribute("SagaStatus", IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD);
      Worker worker = env.newWorker("probe");
      worker.registerWorkflowImplementationTypes(LongWaitProbeWorkflow.UpgradedImpl.class);
      worker.registerActivitiesImplementations(steps, new RecordingEscalationActivities());
      LongWaitProbeWorkflow.UpgradedImpl.UPGRADED.set(false);
      env.start();
      WorkflowClient client = env.getWorkflowClient();
      LongWaitProbeWorkflow probe =
          client.newWorkflowStub(
              LongWaitProbeWorkflow.class,
              WorkflowOptions.newBuilder().setTaskQueue("probe").setWorkflowId("probe-1").build());
      WorkflowClient.start(probe::run, new LongWaitProbeWorkflow.Input("probe-1", SETTINGS));
      awaitState(client, s -> s.status() == SagaStatus.NEEDS_OPERATOR);
      env.sleep(Duration.ofDays(1));
      assertThat(runs(client, "probe-1"))
          .singleElement()
          .satisfies(run -> assertThat(run.getEvents()).hasSizeGreaterThan(400));

      LongWaitProbeWorkflow.UpgradedImpl.UPGRADED.set(true);
      WorkflowCaches.invalidateAll(env.getWorkerFactory());
      env.sleep(Duration.ofDays(1));

      List<WorkflowExecutionHistory> runs = runs(client, "probe-1");
      assertThat(runs).hasSizeGreaterThan(2);
      assertThat(runs.subList(1, runs.size()))
          .allSatisfy(run -> assertThat(run.getEvents()).hasSizeLessThan(300));
      assertThat(state(client).openEscalations()).extracting(Escalation::id).containsExactly("b-1");

      steps.heal();
      client
          .newWorkflowStub(SagaWorkflow.class, "probe-1")
          .resolveEscalation(
              SignalPayloads.of(
                  Map.of("escalationId", "b-1", "action", "RETRY", "operator", "ana")));
      assertThat(client.newUntypedWorkflowStub("probe-1").getResult(String.class))
          .isEqualTo("compensated");
      assertThat(steps.calls).filteredOn(c -> c.startsWith("act:")).hasSize(3);
      assertThat(state(client).status()).isEqualTo(SagaStatus.COMPENSATED_WITH_OPERATOR);
    } finally {
      LongWaitProbeWorkflow.UpgradedImpl.UPGRADED.set(false);
      env.close();
    }
  }

  private static SagaState state(WorkflowClient client) {
    return client.newWorkflowStub(SagaWorkflow.class, "probe-1").sagaState();
  }

  private static SagaState awaitState(WorkflowClient client, Predicate<SagaState> condition) {
    for (int i = 0; i < 300; i++) {
      try {
        SagaState state = state(client);
        if (condition.test(state)) {
          return state;
        }
      } catch (RuntimeException notYetQueryable) {
        // The first workflow task has not run yet.
      }
      try {
        Thread.sleep(100);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError(e);
      }
    }
    throw new AssertionError("the saga never got there: " + state(client));
  }

  private static List<WorkflowExecutionHistory> runs(WorkflowClient client, String id) {
    List<WorkflowExecutionHistory> runs = new ArrayList<>();
    String runId = client.newUntypedWorkflowStub(id).describe().getExecution().getRunId();
    while (!runId.isEmpty()) {
      WorkflowExecutionHistory run = client.fetchHistory(id, runId);
      runs.add(0, run);
      runId =
          run.getEvents()
              .get(0)
              .getWorkflowExecutionStartedEventAttributes()
              .getContinuedExecutionRunId();
    }
    return runs;
  }
}
