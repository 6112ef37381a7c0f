package dev.amends.app.reconcile;

import static org.assertj.core.api.Assertions.assertThat;

import dev.amends.saga.AmendsSaga;
import dev.amends.saga.Escalation;
import dev.amends.saga.OperatorAction;
import dev.amends.saga.SagaSettings;
import dev.amends.saga.SagaState;
import dev.amends.saga.SagaStatus;
import dev.amends.saga.StepStatus;
import dev.amends.testkit.InMemoryEscalations;
import dev.amends.testkit.history.ContinuedRuns;
import io.temporal.api.enums.v1.EventType;
import io.temporal.api.enums.v1.IndexedValueType;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowStub;
import io.temporal.common.WorkflowExecutionHistory;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.testing.TestWorkflowExtension;
import io.temporal.worker.Worker;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A drift waiting for a person: decisions, rejections, re-alerts, and what each one records. */
class DriftEscalationWorkflowTest {
  @RegisterExtension
  static final TestWorkflowExtension testWorkflow =
      TestWorkflowExtension.newBuilder()
          .registerWorkflowImplementationTypes(DriftEscalationWorkflowImpl.class)
          .registerSearchAttribute("SagaStatus", IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD)
          .setDoNotStart(true)
          .build();

  private final FakeReconcilerActivities activities = new FakeReconcilerActivities();
  private final InMemoryEscalations escalations = new InMemoryEscalations();
  private TestWorkflowEnvironment env;
  private WorkflowClient client;
  private String taskQueue;

  @BeforeEach
  void start(TestWorkflowEnvironment testEnv, Worker worker) {
    worker.registerActivitiesImplementations(activities, escalations);
    testEnv.start();
    env = testEnv;
    client = testEnv.getWorkflowClient();
    taskQueue = worker.getTaskQueue();
  }

  static Drift drift(DriftKind kind) {
    return new Drift(
        "payment-provider:ch_1",
        kind,
        "payment-provider",
        "ch_1",
        "order-1/chargeCard",
        "order-1",
        "1",
        1299L,
        "EUR",
        1399L,
        "EUR",
        0,
        "the ledger records 12.99 EUR, the provider 13.99 EUR");
  }

  private WorkflowStub open(DriftKind kind) {
    return open(kind, new SagaSettings(Duration.ofMinutes(30), 2));
  }

  private WorkflowStub open(DriftKind kind, SagaSettings settings) {
    DriftEscalationWorkflow escalation =
        client.newWorkflowStub(
            DriftEscalationWorkflow.class,
            WorkflowOptions.newBuilder()
                .setTaskQueue(taskQueue)
                .setWorkflowId(DriftEscalationWorkflow.workflowId(drift(kind)))
                .build());
    WorkflowClient.start(
        escalation::settle, new DriftEscalationInput(drift(kind), settings, "run-1"));
    WorkflowStub stub = WorkflowStub.fromTyped(escalation);
    awaitStatus(stub, SagaStatus.NEEDS_OPERATOR);
    return stub;
  }

  private SagaState state(WorkflowStub stub) {
    return stub.query("sagaState", SagaState.class);
  }

  private void awaitStatus(WorkflowStub stub, SagaStatus status) {
    for (int i = 0; i < 200 && state(stub).status() != status; i++) {
      env.sleep(Duration.ofMillis(50));
    }
    assertThat(state(stub).status()).isEqualTo(status);
  }

  private static Map<String, Object> decision(String id, String action, String note) {
    return note == null
        ? Map.of("escalationId", id, "action", action, "operator", "ana")
        : Map.of("escalationId", id, "action", action, "operator", "ana", "note", note);
  }

  @Test
  void itWaitsForAPerson_searchableAsNeedsOperator_withTheDriftAndItsRunbook() {
    WorkflowStub stub = open(DriftKind.AMOUNT_MISMATCH);

    SagaState state = state(stub);
    assertThat(stub.getExecution().getWorkflowId()).isEqualTo("drift-payment-provider-ch_1");
    assertThat(state.sagaName()).isEqualTo("ledger-drift");
    assertThat(state.openEscalations())
        .singleElement()
        .satisfies(
            e -> {
              assertThat(e.id()).isEqualTo("reconcile-1");
              assertThat(e.runbook()).isEqualTo("docs/runbooks/ledger-drift.md");
              assertThat(e.error()).contains("AMOUNT_MISMATCH").contains("13.99 EUR");
            });
    assertThat(escalations.opened).hasSize(1);
    assertThat(
            client.fetchHistory(stub.getExecution().getWorkflowId()).getEvents().stream()
                .filter(e -> e.hasUpsertWorkflowSearchAttributesEventAttributes())
                .map(
                    e ->
                        e.getUpsertWorkflowSearchAttributesEventAttributes()
                            .getSearchAttributes()
                            .getIndexedFieldsMap()
                            .get(AmendsSaga.SAGA_STATUS.getName())
                            .getData()
                            .toStringUtf8()))
        .containsExactly("\"NEEDS_OPERATOR\"");
  }

  @Test
  void givenFourMonthsWithoutAnAnswer_eachRunStaysSmall_andTheDecisionStillSettlesTheSameDrift() {
    WorkflowStub stub = open(DriftKind.AMOUNT_MISMATCH);
    String id = stub.getExecution().getWorkflowId();
    stub.signal("resolveEscalation", "not a decision");
    SagaState before = state(stub);

    // Past the 97 days after which one run would have reached Temporal's 51,200-event limit. Each
    // re-alert's timer starts once the one before is delivered: a quarter of an hour more covers
    // the drift of the cadence.
    env.sleep(Duration.ofDays(120).plusMinutes(15));

    List<WorkflowExecutionHistory> runs = runs(id);
    assertThat(runs).as("runs after four months").hasSizeGreaterThan(30);
    assertThat(runs).allSatisfy(run -> assertThat(run.getEvents()).hasSizeLessThan(2_000));
    for (WorkflowExecutionHistory run : runs.subList(0, runs.size() - 1)) {
      assertThat(run.getEvents().get(run.getEvents().size() - 1).getEventType())
          .isEqualTo(EventType.EVENT_TYPE_WORKFLOW_EXECUTION_CONTINUED_AS_NEW);
    }
    SagaState waiting = state(stub);
    assertThat(waiting.status()).isEqualTo(SagaStatus.NEEDS_OPERATOR);
    assertThat(waiting.steps()).isEqualTo(before.steps());
    assertThat(waiting.rejectedDecisionCount()).isEqualTo(1);
    Escalation open = waiting.openEscalations().get(0);
    assertThat(open.id()).isEqualTo("reconcile-1");
    assertThat(open.openedAtMillis()).isEqualTo(before.openEscalations().get(0).openedAtMillis());
    assertThat(open.alertsSent()).isEqualTo(1 + 120 * 48);
    assertThat(escalations.opened).as("opened once, not per run").hasSize(1);

    stub.signal("resolveEscalation", decision("reconcile-1", "RESOLVED_MANUALLY", "fixed by hand"));
    DriftSettlement settled = client.newUntypedWorkflowStub(id).getResult(DriftSettlement.class);

    assertThat(settled.outcome()).isEqualTo("RESOLVED_MANUALLY");
    assertThat(settled.operator()).isEqualTo("ana");
    assertThat(activities.settlements).hasSize(1);
    assertThat(state(stub).status()).isEqualTo(SagaStatus.COMPENSATED_WITH_OPERATOR);
  }

  @Test
  void givenAShortThreshold_aRetryInALaterRunFindsTheDriftGone_andEndsIt() throws Exception {
    SagaSettings settings =
        new SagaSettings(Duration.ofMinutes(30), 2).withContinueAsNewAfterEvents(200);
    WorkflowStub stub = open(DriftKind.AMOUNT_MISMATCH, settings);
    String id = stub.getExecution().getWorkflowId();
    stub.signal("resolveEscalation", decision("reconcile-9", "RETRY", null));
    env.sleep(Duration.ofDays(2));
    assertThat(runs(id)).hasSizeGreaterThan(2);

    // The fake finds the drift gone on recheck.
    stub.signal("resolveEscalation", decision("reconcile-1", "RETRY", null));
    DriftSettlement settled = client.newUntypedWorkflowStub(id).getResult(DriftSettlement.class);

    assertThat(settled.outcome()).isEqualTo("NO_LONGER_DRIFTING");
    assertThat(state(stub).rejectedDecisionCount()).isEqualTo(1);
    record(runs(id), "drift-retried-after-continue-as-new");
  }

  /** With -Damends.recordLongWaitTo=FOLDER, writes each run's history for the replay tests. */
  private static void record(List<WorkflowExecutionHistory> runs, String name) throws IOException {
    String to = System.getProperty("amends.recordLongWaitTo");
    if (to != null) {
      ContinuedRuns.write(runs, Path.of(to), name);
    }
  }

  private List<WorkflowExecutionHistory> runs(String workflowId) {
    return ContinuedRuns.of(client, workflowId);
  }

  @Test
  void aMalformedDecisionIsRejectedAndItKeepsWaiting_reAlertingOnItsTimer() {
    WorkflowStub stub = open(DriftKind.AMOUNT_MISMATCH);

    stub.signal("resolveEscalation", "approve it");
    stub.signal("resolveEscalation", decision("reconcile-1", "ACCEPT_LOSS", null));
    env.sleep(Duration.ofMinutes(31));

    SagaState state = state(stub);
    assertThat(state.status()).isEqualTo(SagaStatus.NEEDS_OPERATOR);
    assertThat(state.rejectedDecisions())
        .extracting(r -> r.reason())
        .anySatisfy(r -> assertThat(r).contains("JSON object"))
        .anySatisfy(r -> assertThat(r).contains("note is required"));
    assertThat(escalations.realerted).isNotEmpty();
    assertThat(activities.settlements).isEmpty();
  }

  @Test
  void aWriteOffIsHeldForASecondPerson_thenRecordedInTheLedgerAndEndsIt() {
    WorkflowStub stub = open(DriftKind.AMOUNT_MISMATCH);

    stub.signal("resolveEscalation", decision("reconcile-1", "ACCEPT_LOSS", "goodwill"));
    awaitStatus(stub, SagaStatus.AWAITING_APPROVAL);
    assertThat(activities.settlements).isEmpty();
    assertThat(state(stub).openEscalations().get(0).pendingWriteOff().requestedBy())
        .isEqualTo("ana");
    stub.signal(
        "resolveEscalation",
        Map.of("escalationId", "reconcile-1", "action", "APPROVE", "operator", "bo"));
    DriftSettlement settled = stub.getResult(DriftSettlement.class);

    assertThat(settled.outcome()).isEqualTo("ACCEPT_LOSS");
    assertThat(settled.ledgerSeqs()).containsExactly(42L);
    assertThat(activities.settlements)
        .singleElement()
        .satisfies(
            s -> {
              assertThat(s.escalationId()).isEqualTo("reconcile-1");
              assertThat(s.decision().action()).isEqualTo(OperatorAction.ACCEPT_LOSS);
              assertThat(s.decision().operator()).isEqualTo("ana");
              assertThat(s.decision().approvedBy()).isEqualTo("bo");
            });
    assertThat(state(stub).status()).isEqualTo(SagaStatus.COMPENSATED_WITH_OPERATOR);
    assertThat(state(stub).steps().get(0).status()).isEqualTo(StepStatus.LOSS_ACCEPTED);
    assertThat(escalations.closed).hasSize(1);
  }

  @Test
  void aRetryThatFindsTheDriftStillThereOpensTheNextEscalation_andOneThatFindsItGoneEndsIt() {
    WorkflowStub stub = open(DriftKind.AMOUNT_MISMATCH);
    activities.stillThere = drift(DriftKind.AMOUNT_MISMATCH);

    stub.signal("resolveEscalation", decision("reconcile-1", "RETRY", null));
    for (int i = 0;
        i < 200
            && state(stub).openEscalations().stream().noneMatch(e -> e.id().equals("reconcile-2"));
        i++) {
      env.sleep(Duration.ofMillis(50));
    }
    assertThat(state(stub).openEscalations())
        .extracting(e -> e.id())
        .containsExactly("reconcile-2");

    activities.stillThere = null;
    stub.signal("resolveEscalation", decision("reconcile-2", "RETRY", null));
    assertThat(stub.getResult(DriftSettlement.class).outcome()).isEqualTo("NO_LONGER_DRIFTING");
    assertThat(activities.fixes).isEmpty();
  }

  @Test
  void aRetryOfADriftTheReconcilerCanSettleFixesIt() {
    WorkflowStub stub = open(DriftKind.MISSING_REFUND);
    activities.stillThere = drift(DriftKind.MISSING_REFUND);

    stub.signal("resolveEscalation", decision("reconcile-1", "RETRY", null));

    DriftSettlement settled = stub.getResult(DriftSettlement.class);
    assertThat(settled.outcome()).isEqualTo("FIXED");
    assertThat(activities.fixes).containsExactly(DriftKind.MISSING_REFUND);
    assertThat(settled.ledgerSeqs()).containsExactly(8L);
    assertThat(state(stub).steps().get(0).status()).isEqualTo(StepStatus.UNDONE);
  }

  /** Reconciler activities for workflow tests: a drift that is, or is not, still there. */
  static final class FakeReconcilerActivities implements ReconcilerActivities {
    volatile Drift stillThere;
    final List<Settlement> settlements = new ArrayList<>();
    final List<DriftKind> fixes = new ArrayList<>();

    @Override
    public ChainCheck verifyChain(String runId) {
      return new ChainCheck(true, 0, 0, "0".repeat(64), 0, null, null);
    }

    @Override
    public Survey survey(SurveyRequest request) {
      return new Survey(0, 0, 0, 0, 0, 0, List.of(), 0);
    }

    @Override
    public synchronized FixOutcome fix(FixRequest request) {
      fixes.add(request.drift().kind());
      return FixOutcome.of(request.drift(), FixAction.REFUND_REISSUED, "", List.of(8L));
    }

    @Override
    public FixOutcome escalate(FixRequest request) {
      return FixOutcome.escalated(request.drift(), true, "drift");
    }

    @Override
    public void record(ReconcileReport report) {}

    @Override
    public Drift recheck(FixRequest request) {
      return stillThere;
    }

    @Override
    public synchronized List<Long> recordSettlement(Settlement settlement) {
      settlements.add(settlement);
      return List.of(42L);
    }
  }
}
