package dev.amends.app.order;

import static dev.amends.testkit.SagaOutcomeAssert.assertThatSaga;
import static org.assertj.core.api.Assertions.assertThat;

import dev.amends.saga.AmendsSaga;
import dev.amends.saga.Escalation;
import dev.amends.saga.OperatorAction;
import dev.amends.saga.SagaSettings;
import dev.amends.saga.SagaState;
import dev.amends.saga.SagaStatus;
import dev.amends.saga.StepState;
import dev.amends.saga.StepStatus;
import dev.amends.testkit.EscalationDriver;
import dev.amends.testkit.InMemoryEscalations;
import dev.amends.testkit.SagaTestEnvironment;
import dev.amends.testkit.history.ContinuedRuns;
import io.temporal.api.enums.v1.EventType;
import io.temporal.api.history.v1.HistoryEvent;
import io.temporal.client.WorkflowClient;
import io.temporal.common.WorkflowExecutionHistory;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A saga that waits a long time for an operator continues as new before its history grows large,
 * and an operator sees one saga throughout: the same id, the same {@code sagaState}, the same
 * decisions. Time skipping makes a year pass in minutes.
 */
class LongWaitTest {
  /** Set to a folder (e.g. src/test/resources/histories/v3-long-wait) to record the runs. */
  private static final String RECORD_TO = System.getProperty("amends.recordLongWaitTo");

  private static final SagaSettings HALF_HOURLY = new SagaSettings(Duration.ofMinutes(30), 3);

  private final InMemoryOrderActivities activities = new InMemoryOrderActivities();
  private final InMemoryEscalations escalations = new InMemoryEscalations();
  private SagaTestEnvironment env;
  private EscalationDriver driver;
  private WorkflowClient client;

  @BeforeEach
  void start() {
    env =
        SagaTestEnvironment.builder()
            .workflows(OrderWorkflowImpl.class)
            .activities(activities)
            .escalations(escalations)
            .start();
    driver = env.driver().waitingAtMost(Duration.ofSeconds(60));
    client = env.client();
  }

  @AfterEach
  void stop() {
    env.close();
  }

  @Test
  void givenAYearWithoutAnAnswer_eachRunStaysSmall_andARetrySettlesTheSameSaga() throws Exception {
    String sagaId = refundFailsForGood("lw-1", HALF_HOURLY);
    SagaState before = driver.state(sagaId);

    // Each re-alert's timer starts once the one before is delivered, so the cadence drifts by the
    // (real) time each delivery takes: a quarter of an hour past the year covers the drift.
    env.sleep(Duration.ofDays(365).plusMinutes(15));

    List<WorkflowExecutionHistory> runs = runs(sagaId);
    assertThat(runs).as("runs after a year").hasSizeGreaterThan(100);
    assertThat(runs)
        .allSatisfy(run -> assertThat(run.getEvents()).hasSizeLessThan(2_000))
        .allSatisfy(
            run -> assertThat(run.getWorkflowExecution().getWorkflowId()).isEqualTo(sagaId));
    for (WorkflowExecutionHistory run : runs.subList(0, runs.size() - 1)) {
      assertThat(last(run).getEventType())
          .isEqualTo(EventType.EVENT_TYPE_WORKFLOW_EXECUTION_CONTINUED_AS_NEW);
    }

    SagaState waiting = driver.state(sagaId);
    assertThat(waiting.sagaId()).isEqualTo(sagaId);
    assertThat(waiting.status()).isEqualTo(SagaStatus.NEEDS_OPERATOR);
    assertThat(waiting.steps()).isEqualTo(before.steps());
    assertThat(waiting.failedStep()).isEqualTo(before.failedStep());
    assertThat(waiting.failure()).isEqualTo(before.failure());
    Escalation open = waiting.openEscalations().get(0);
    Escalation opened = before.openEscalations().get(0);
    assertThat(open.id()).isEqualTo("chargeCard-1");
    assertThat(open.openedAtMillis()).isEqualTo(opened.openedAtMillis());
    assertThat(open.attempts()).isEqualTo(opened.attempts());
    // Every half hour of the year re-alerted, across every run.
    assertThat(open.alertsSent()).isEqualTo(1 + 365 * 48);
    assertThat(escalations.realerted).hasSize(365 * 48);
    assertThat(escalations.opened).as("opened once, not per run").hasSize(1);
    assertThat(sagaStatusAttribute(sagaId)).isEqualTo("NEEDS_OPERATOR");

    activities.heal("refundCharge");
    driver.decide(sagaId, "chargeCard-1", OperatorAction.RETRY, "ana", "provider fixed");
    OrderResult result = client.newUntypedWorkflowStub(sagaId).getResult(OrderResult.class);

    assertThat(result.status()).isEqualTo(SagaStatus.COMPENSATED_WITH_OPERATOR);
    assertThatSaga(driver.state(sagaId)).isCompensatedWithOperator().hasNoOpenEscalation();
    assertThat(stepStatus(driver.state(sagaId), OrderWorkflowImpl.CHARGE))
        .isEqualTo(StepStatus.UNDONE);
    assertThat(stepStatus(driver.state(sagaId), OrderWorkflowImpl.RESERVE))
        .isEqualTo(StepStatus.UNDONE);
    assertThat(activities.liveEffects()).isEmpty();
    assertThat(escalations.closed)
        .singleElement()
        .satisfies(e -> assertThat(e.decision().action()).isEqualTo(OperatorAction.RETRY));
    // The steps ran once: the later runs took their results over instead of calling again.
    assertThat(activities.callNames())
        .filteredOn(name -> name.equals("chargeCard") || name.equals("reserveStock"))
        .hasSize(2);
  }

  @Test
  void givenAWriteOffAwaitingApproval_itSurvivesContinueAsNew_andASecondPersonSettlesIt()
      throws Exception {
    SagaSettings settings = HALF_HOURLY.withContinueAsNewAfterEvents(200);
    String sagaId = refundFailsForGood("lw-2", settings);
    driver.send(sagaId, "not a decision");
    driver.decide(sagaId, "chargeCard-1", OperatorAction.ACCEPT_LOSS, "ana", "kept the goods");
    SagaState requested = driver.awaitStatus(sagaId, SagaStatus.AWAITING_APPROVAL);

    env.sleep(Duration.ofDays(1));

    List<WorkflowExecutionHistory> runs = runs(sagaId);
    assertThat(runs).hasSizeGreaterThan(2);
    assertThat(runs).allSatisfy(run -> assertThat(run.getEvents()).hasSizeLessThan(400));
    SagaState waiting = driver.state(sagaId);
    assertThat(waiting.status()).isEqualTo(SagaStatus.AWAITING_APPROVAL);
    assertThat(waiting.rejectedDecisions()).isEqualTo(requested.rejectedDecisions());
    assertThat(waiting.rejectedDecisionCount()).isEqualTo(1);
    Escalation open = waiting.openEscalations().get(0);
    assertThat(open.pendingWriteOff())
        .isEqualTo(requested.openEscalations().get(0).pendingWriteOff());
    assertThat(open.pendingWriteOff().requestedBy()).isEqualTo("ana");
    assertThat(sagaStatusAttribute(sagaId)).isEqualTo("AWAITING_APPROVAL");

    driver.approve(sagaId, "chargeCard-1", "ana", "my own");
    driver.awaitRejections(sagaId, 2);
    driver.approve(sagaId, "chargeCard-1", "bo", "within policy");
    OrderResult result = client.newUntypedWorkflowStub(sagaId).getResult(OrderResult.class);

    assertThat(result.status()).isEqualTo(SagaStatus.COMPENSATED_WITH_OPERATOR);
    assertThatSaga(driver.state(sagaId))
        .isCompensatedWithOperator()
        .hasStepSettledBy(OrderWorkflowImpl.CHARGE, OperatorAction.ACCEPT_LOSS, "ana")
        .hasNoOpenEscalation();
    assertThat(escalations.closed)
        .singleElement()
        .satisfies(e -> assertThat(e.decision().approvedBy()).isEqualTo("bo"));
    record(runs(sagaId), "order-write-off-approved-after-continue-as-new");
  }

  @Test
  void givenARetryThatFailsAgainAfterContinueAsNew_aNewEscalationOpensInTheSameSaga()
      throws Exception {
    String sagaId = refundFailsForGood("lw-3", HALF_HOURLY.withContinueAsNewAfterEvents(200));

    env.sleep(Duration.ofHours(12));
    assertThat(runs(sagaId)).hasSizeGreaterThan(1);
    driver.decide(sagaId, "chargeCard-1", OperatorAction.RETRY, "ana", "try once more");
    Escalation second = driver.awaitOpenEscalation(sagaId, "chargeCard-2");
    assertThat(second.attempts()).isEqualTo(6);
    assertThat(escalations.opened).hasSize(2);

    activities.heal("refundCharge");
    driver.decide(sagaId, "chargeCard-2", OperatorAction.RETRY, "ana", "provider fixed");
    OrderResult result = client.newUntypedWorkflowStub(sagaId).getResult(OrderResult.class);

    assertThat(result.status()).isEqualTo(SagaStatus.COMPENSATED_WITH_OPERATOR);
    assertThat(stepStatus(driver.state(sagaId), OrderWorkflowImpl.CHARGE))
        .isEqualTo(StepStatus.UNDONE);
    assertThat(driver.state(sagaId).escalations()).hasSize(2);
    assertThat(activities.liveEffects()).isEmpty();
    record(runs(sagaId), "order-retried-after-continue-as-new");
  }

  // --- helpers ------------------------------------------------------------------------------

  private String refundFailsForGood(String orderId, SagaSettings settings) {
    activities.failStep(OrderWorkflowImpl.SHIP).failUndo("refundCharge");
    String sagaId = OrderWorkflow.workflowId(orderId);
    OrderWorkflow order = env.newWorkflow(OrderWorkflow.class, sagaId);
    WorkflowClient.start(order::fulfil, new OrderSagaInput(OrderFixtures.order(orderId), settings));
    driver.awaitStatus(sagaId, SagaStatus.NEEDS_OPERATOR);
    return sagaId;
  }

  /** Every run of the saga, the first first, found by following each run back to the one before. */
  private List<WorkflowExecutionHistory> runs(String sagaId) {
    return ContinuedRuns.of(client, sagaId);
  }

  private static HistoryEvent last(WorkflowExecutionHistory run) {
    return run.getEvents().get(run.getEvents().size() - 1);
  }

  private void record(List<WorkflowExecutionHistory> runs, String name) throws IOException {
    if (RECORD_TO != null) {
      ContinuedRuns.write(runs, Path.of(RECORD_TO), name);
    }
  }

  private String sagaStatusAttribute(String sagaId) {
    return client
        .newUntypedWorkflowStub(sagaId)
        .describe()
        .getTypedSearchAttributes()
        .get(AmendsSaga.SAGA_STATUS);
  }

  private static StepStatus stepStatus(SagaState state, String step) {
    return state.steps().stream()
        .filter(s -> s.name().equals(step))
        .findFirst()
        .map(StepState::status)
        .orElseThrow();
  }
}
