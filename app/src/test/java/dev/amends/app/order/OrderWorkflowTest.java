package dev.amends.app.order;

import static dev.amends.app.order.OrderWorkflowImpl.CHARGE;
import static dev.amends.app.order.OrderWorkflowImpl.CONFIRM;
import static dev.amends.app.order.OrderWorkflowImpl.PRICE;
import static dev.amends.app.order.OrderWorkflowImpl.RESERVE;
import static dev.amends.app.order.OrderWorkflowImpl.SHIP;
import static dev.amends.testkit.SagaOutcomeAssert.assertThatSaga;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.amends.saga.AmendsSaga;
import dev.amends.saga.Escalation;
import dev.amends.saga.OperatorAction;
import dev.amends.saga.SagaState;
import dev.amends.saga.SagaStatus;
import dev.amends.saga.SignalPayloads;
import dev.amends.saga.StepState;
import dev.amends.saga.StepStatus;
import dev.amends.testkit.EscalationDriver;
import dev.amends.testkit.InMemoryEscalations;
import dev.amends.testkit.SagaTestEnvironment;
import io.temporal.api.enums.v1.EventType;
import io.temporal.api.enums.v1.WorkflowIdReusePolicy;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowExecutionAlreadyStarted;
import io.temporal.client.WorkflowFailedException;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowStub;
import io.temporal.failure.CanceledFailure;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class OrderWorkflowTest {

  private final InMemoryOrderActivities activities = new InMemoryOrderActivities();
  private SagaTestEnvironment env;
  private InMemoryEscalations escalations;
  private EscalationDriver driver;
  private WorkflowClient client;
  private String taskQueue;

  @BeforeEach
  void start() {
    env =
        SagaTestEnvironment.builder()
            .workflows(OrderWorkflowImpl.class, PlainOrderWorkflowImpl.class)
            .activities(activities)
            .start();
    escalations = env.escalations();
    driver = env.driver();
    client = env.client();
    taskQueue = env.taskQueue();
  }

  @AfterEach
  void stop() {
    env.close();
  }

  @Test
  void givenEveryStepSucceeds_whenTheOrderRuns_itCompletesAndUndoesNothing() {
    OrderResult result = newOrder("o-1").fulfil(OrderFixtures.input("o-1"));

    assertThat(result.status()).isEqualTo(SagaStatus.COMPLETED);
    assertThat(result.totalMinor()).isEqualTo(3000);
    assertThat(activities.callNames()).containsExactly(PRICE, RESERVE, CHARGE, SHIP, CONFIRM);
    assertThatSaga(query("o-1")).isCompleted().hasNoOpenEscalation();
    assertThat(sagaStatusAttribute("o-1")).as("nothing written on the happy path").isNull();
  }

  @Test
  void givenEachStep_itsDoAndUndoCarryKeysFromWorkflowIdAndStepName() {
    activities.failStep(CONFIRM);
    newOrder("o-keys").fulfil(OrderFixtures.input("o-keys"));

    assertThat(activities.calls())
        .contains(
            "reserveStock:order-o-keys/reserveStock",
            "chargeCard:order-o-keys/chargeCard",
            "refundCharge:order-o-keys/chargeCard/undo",
            "releaseStock:order-o-keys/reserveStock/undo");
  }

  @ParameterizedTest(name = "failure at {0}")
  @ValueSource(strings = {PRICE, RESERVE, CHARGE, SHIP, CONFIRM})
  void givenAStepFailsForGood_itUndoesEveryStartedStep(String failing) {
    activities.failStep(failing);

    OrderResult result = newOrder("o-2").fulfil(OrderFixtures.input("o-2"));

    List<String> steps = List.of(PRICE, RESERVE, CHARGE, SHIP, CONFIRM);
    List<String> started = steps.subList(0, steps.indexOf(failing) + 1);
    List<String> expectedUndos = new ArrayList<>();
    for (int i = started.size() - 1; i >= 0; i--) {
      String undo = undoOf(started.get(i));
      if (undo != null) {
        expectedUndos.add(undo);
      }
    }
    assertThat(result.status()).isEqualTo(SagaStatus.COMPENSATED);
    assertThat(result.failedStep()).isEqualTo(failing);
    assertThat(result.failure()).contains(failing + " refused");
    // The order flow's undos are independent, so they run at once; SequentialUndoTest shows
    // newest-first order for a sequential definition.
    assertThat(activities.callNames().subList(started.size(), activities.callNames().size()))
        .containsExactlyInAnyOrderElementsOf(expectedUndos);
    assertThat(activities.liveEffects()).isEmpty();
    SagaState state = query("o-2");
    assertThatSaga(state)
        .isCompensatedWithoutOperator()
        .failedAt(failing)
        .hasUndoneExactly(
            started.stream().filter(step -> undoOf(step) != null).toArray(String[]::new));
    assertThat(stepStatus(state, failing))
        .as("a failed closed step has nothing to discard; a failed dialog step had no effect")
        .isEqualTo(failing.equals(PRICE) ? StepStatus.FAILED : StepStatus.NOTHING_TO_UNDO);
    assertThat(escalations.opened).isEmpty();
    assertThat(sagaStatusAttribute("o-2")).isEqualTo("COMPENSATED");
  }

  @Test
  void givenFailuresThatQuoteTheCustomersData_whatTheSagaRecordsNamesNoneOfIt() throws Exception {
    activities
        .failingWithDetail(" for ana@example.com, card tok_visa, to Ana Lima, 1 Main St, 1000-001")
        .failStep(SHIP)
        .failUndo("refundCharge");
    OrderWorkflow order = newOrder("o-private");
    WorkflowClient.start(order::fulfil, OrderFixtures.input("o-private"));

    Escalation escalation = driver.awaitOpenEscalation("order-o-private");
    SagaState state = query("o-private");

    String recorded = state.failure() + " " + state.steps() + " " + escalation;
    assertThat(recorded)
        .contains(SHIP + " refused for [private], card [private], to [private], [private]")
        .doesNotContain("ana@example.com", "tok_visa", "Ana Lima", "1 Main St", "1000-001");
  }

  static Stream<Arguments> failedUndoAndDecision() {
    List<Arguments> cases = new ArrayList<>();
    for (String step : List.of(RESERVE, CHARGE, SHIP, CONFIRM)) {
      for (OperatorAction action : OperatorAction.values()) {
        cases.add(Arguments.of(step, action));
      }
    }
    return cases.stream();
  }

  @ParameterizedTest(name = "undo of {0} fails, operator decides {1}")
  @MethodSource("failedUndoAndDecision")
  void givenAnUndoFailsForGood_itEscalatesAndWaitsForTheOperatorsDecision(
      String step, OperatorAction action) throws Exception {
    activities.failAfterEffect(CONFIRM).failUndo(undoOf(step));
    OrderWorkflow order = newOrder("o-3");
    WorkflowClient.start(order::fulfil, OrderFixtures.input("o-3"));

    Escalation escalation = awaitOpenEscalation("o-3");
    assertThat(escalation.id()).isEqualTo(step + "-1");
    assertThat(escalation.step()).isEqualTo(step);
    assertThat(escalation.undo()).isEqualTo(undoOf(step));
    assertThat(escalation.error()).contains("UNDO_BLOCKED").contains(undoOf(step) + " refused");
    assertThat(escalation.attempts()).isEqualTo(OrderFixtures.FAST.undoMaximumAttempts());
    assertThat(activities.undoAttempts(undoOf(step)))
        .isEqualTo(OrderFixtures.FAST.undoMaximumAttempts());
    assertThat(escalation.runbook()).startsWith("docs/runbooks/");
    assertThat(query("o-3").status()).isEqualTo(SagaStatus.NEEDS_OPERATOR);
    assertThat(stepStatus(query("o-3"), step)).isEqualTo(StepStatus.NEEDS_OPERATOR);
    assertThat(sagaStatusAttribute("o-3")).isEqualTo("NEEDS_OPERATOR");
    assertThat(escalations.opened).extracting(Escalation::id).containsExactly(step + "-1");

    if (action == OperatorAction.RETRY) {
      activities.heal(undoOf(step));
    }
    String sagaId = OrderWorkflow.workflowId("o-3");
    driver.decide(sagaId, step + "-1", action, "ana", "ticket OPS-7");
    boolean writeOffOfACharge = step.equals(CHARGE) && action == OperatorAction.ACCEPT_LOSS;
    if (writeOffOfACharge) {
      driver.awaitStatus(sagaId, SagaStatus.AWAITING_APPROVAL);
      driver.approve(sagaId, step + "-1", "bo", null);
    }
    OrderResult result = WorkflowStub.fromTyped(order).getResult(OrderResult.class);

    assertThat(result.status()).isEqualTo(SagaStatus.COMPENSATED_WITH_OPERATOR);
    SagaState state = query("o-3");
    StepStatus expected =
        switch (action) {
          case RETRY -> StepStatus.UNDONE;
          case RESOLVED_MANUALLY -> StepStatus.RESOLVED_MANUALLY;
          case ACCEPT_LOSS -> StepStatus.LOSS_ACCEPTED;
        };
    assertThat(stepStatus(state, step)).isEqualTo(expected);
    assertThatSaga(state).isCompensatedWithOperator().hasStepSettledBy(step, action, "ana");
    assertThat(state.escalations())
        .singleElement()
        .satisfies(
            e -> {
              assertThat(e.awaitsDecision()).isFalse();
              assertThat(e.decision().action()).isEqualTo(action);
              assertThat(e.decision().operator()).isEqualTo("ana");
              assertThat(e.decision().approvedBy()).isEqualTo(writeOffOfACharge ? "bo" : null);
              assertThat(e.recorded()).isTrue();
            });
    assertThat(escalations.closed).extracting(Escalation::id).containsExactly(step + "-1");
    assertThat(sagaStatusAttribute("o-3")).isEqualTo("COMPENSATED_WITH_OPERATOR");
    String doKey = "order-o-3/" + step;
    if (action == OperatorAction.RETRY) {
      assertThat(activities.liveEffects()).isEmpty();
    } else {
      assertThat(activities.liveEffects()).containsOnlyKeys(doKey);
    }
  }

  @Test
  void givenARetryThatFailsAgain_itOpensASecondEscalationAndRejectsTheStaleOne() throws Exception {
    activities.failStep(SHIP).failUndo("refundCharge");
    OrderWorkflow order = newOrder("o-4");
    WorkflowClient.start(order::fulfil, OrderFixtures.input("o-4"));

    awaitOpenEscalation("o-4");
    decide(order, decision("chargeCard-1", "RETRY", "ana", null));
    Escalation second = awaitEscalation("o-4", "chargeCard-2");
    assertThat(second.attempts()).isEqualTo(2 * OrderFixtures.FAST.undoMaximumAttempts());

    decide(order, decision("chargeCard-1", "RETRY", "bo", null));
    activities.heal("refundCharge");
    decide(order, decision("chargeCard-2", "RETRY", "ana", null));
    OrderResult result = WorkflowStub.fromTyped(order).getResult(OrderResult.class);

    assertThat(result.status()).isEqualTo(SagaStatus.COMPENSATED_WITH_OPERATOR);
    SagaState state = query("o-4");
    assertThat(state.rejectedDecisions())
        .singleElement()
        .satisfies(r -> assertThat(r.reason()).contains("already settled (RETRY by ana)"));
    assertThat(activities.liveEffects()).isEmpty();
  }

  @Test
  void givenMalformedDecisions_itRecordsEachAsRejectedAndCarriesOn() throws Exception {
    activities.failStep(SHIP).failUndo("releaseStock");
    OrderWorkflow order = newOrder("o-5");
    WorkflowClient.start(order::fulfil, OrderFixtures.input("o-5"));
    awaitOpenEscalation("o-5");

    decide(order, "approve it");
    decide(order, Map.of("escalationId", "reserveStock-1"));
    decide(order, decision("reserveStock-1", "MAYBE", "ana", null));
    decide(order, decision("reserveStock-1", "ACCEPT_LOSS", "ana", null));
    decide(order, decision("reserveStock-1", "RETRY", null, null));
    decide(order, decision("nope-1", "RETRY", "ana", null));
    decide(
        order,
        Map.of("escalationId", "reserveStock-1", "action", "RETRY", "operator", "a", "x", "1"));

    SagaState state = awaitRejections("o-5", 7);
    assertThat(state.rejectedDecisions())
        .extracting(r -> r.reason())
        .satisfiesExactly(
            r -> assertThat(r).contains("JSON object"),
            r -> assertThat(r).contains("action is required"),
            r -> assertThat(r).contains("'MAYBE' is unknown"),
            r -> assertThat(r).contains("note is required for ACCEPT_LOSS"),
            r -> assertThat(r).contains("operator is required"),
            r -> assertThat(r).contains("no escalation 'nope-1'"),
            r -> assertThat(r).contains("unknown field(s) [x]"));
    assertThat(state.status()).isEqualTo(SagaStatus.NEEDS_OPERATOR);
    assertThat(state.openEscalations()).hasSize(1);
    assertThat(escalations.closed).isEmpty();

    decide(order, decision("reserveStock-1", "ACCEPT_LOSS", "ana", "stock written off"));
    assertThat(WorkflowStub.fromTyped(order).getResult(OrderResult.class).status())
        .isEqualTo(SagaStatus.COMPENSATED_WITH_OPERATOR);
  }

  @Test
  void givenNobodyAnswers_itRealertsOnTheTimerUntilADecisionComes() throws Exception {
    activities.failStep(SHIP).failUndo("refundCharge");
    OrderWorkflow order = newOrder("o-6");
    WorkflowClient.start(order::fulfil, OrderFixtures.input("o-6"));
    awaitOpenEscalation("o-6");

    env.sleep(Duration.ofMinutes(35));

    assertThat(escalations.realerted).hasSize(3);
    assertThat(query("o-6").openEscalations().get(0).alertsSent()).isEqualTo(4);
    decide(order, decision("chargeCard-1", "RESOLVED_MANUALLY", "ana", "refunded by hand"));
    WorkflowStub.fromTyped(order).getResult(OrderResult.class);
    assertThat(escalations.realerted).hasSize(3);
  }

  @Test
  void givenTheSagaIsCancelledMidStep_itStillCompensatesAndEndsCancelled() throws Exception {
    activities.blockStep(SHIP);
    OrderWorkflow order = newOrder("o-7");
    WorkflowClient.start(order::fulfil, OrderFixtures.input("o-7"));
    activities.awaitBlockedStep();

    WorkflowStub.fromTyped(order).cancel();
    // The step finishes only after the workflow asked to cancel it: it must then wait for it.
    awaitEvent("order-o-7", EventType.EVENT_TYPE_ACTIVITY_TASK_CANCEL_REQUESTED);
    activities.releaseBlockedStep();

    assertThatThrownBy(() -> WorkflowStub.fromTyped(order).getResult(OrderResult.class))
        .isInstanceOf(WorkflowFailedException.class)
        .hasCauseInstanceOf(CanceledFailure.class);
    assertThat(activities.callNames()).contains("cancelShipment", "refundCharge", "releaseStock");
    assertThat(activities.callNames()).doesNotContain(CONFIRM);
    assertThat(activities.liveEffects()).isEmpty();
    SagaState state = query("o-7");
    assertThat(state.status()).isEqualTo(SagaStatus.COMPENSATED);
    assertThat(state.failure()).isEqualTo("cancelled");
  }

  @Test
  void givenTheSameOrderStartedTwice_itRunsOnceAndChargesOnce() {
    OrderWorkflow first = newOrder("o-8");
    WorkflowClient.start(first::fulfil, OrderFixtures.input("o-8"));
    assertThatThrownBy(
            () -> WorkflowClient.start(newOrder("o-8")::fulfil, OrderFixtures.input("o-8")))
        .isInstanceOf(WorkflowExecutionAlreadyStarted.class);
    WorkflowStub.fromTyped(first).getResult(OrderResult.class);
    assertThatThrownBy(
            () -> WorkflowClient.start(newOrder("o-8")::fulfil, OrderFixtures.input("o-8")))
        .isInstanceOf(WorkflowExecutionAlreadyStarted.class);

    assertThat(activities.callNames().stream().filter(CHARGE::equals)).hasSize(1);
  }

  @Test
  void givenTheHappyPath_itCostsNoHistoryEventBeyondThePlainSagaTwin() {
    newOrder("o-9").fulfil(OrderFixtures.input("o-9"));
    PlainOrderWorkflow twin =
        client.newWorkflowStub(
            PlainOrderWorkflow.class,
            WorkflowOptions.newBuilder().setTaskQueue(taskQueue).setWorkflowId("twin-o-9").build());
    twin.fulfil(OrderFixtures.input("twin-9"));

    int amends = historyLength(OrderWorkflow.workflowId("o-9"));
    int plain = historyLength("twin-o-9");
    assertThat(amends).isEqualTo(plain);
  }

  @Test
  void givenTheSagaCompensates_itSchedulesItsIndependentUndosTogetherAndCostsNoMoreThanTheTwin() {
    activities.failStep(CONFIRM);
    newOrder("o-11").fulfil(OrderFixtures.input("o-11"));
    PlainOrderWorkflow twin =
        client.newWorkflowStub(
            PlainOrderWorkflow.class,
            WorkflowOptions.newBuilder()
                .setTaskQueue(taskQueue)
                .setWorkflowId("twin-o-11")
                .build());
    twin.fulfil(OrderFixtures.input("twin-11"));

    List<io.temporal.api.history.v1.HistoryEvent> events =
        client.fetchHistory(OrderWorkflow.workflowId("o-11")).getEvents();
    List<Long> undoBatches =
        events.stream()
            .filter(e -> e.getEventType() == EventType.EVENT_TYPE_ACTIVITY_TASK_SCHEDULED)
            .map(e -> e.getActivityTaskScheduledEventAttributes())
            .filter(a -> undoNames().contains(lowerFirst(a.getActivityType().getName())))
            .map(a -> a.getWorkflowTaskCompletedEventId())
            .distinct()
            .toList();
    assertThat(undoBatches).as("all four undos scheduled by one workflow task").hasSize(1);
    // How many workflow tasks the undo completions take depends on when they reach the server;
    // the commands do not. The core adds exactly three command events (the parallel-undo version
    // marker and two SagaStatus writes), and never needs more workflow tasks than the twin, which
    // takes one per undo; when the undos complete together it saves more than three events.
    String amends = OrderWorkflow.workflowId("o-11");
    assertThat(eventsBesidesWorkflowTasks(amends) - eventsBesidesWorkflowTasks("twin-o-11"))
        .isEqualTo(3);
    assertThat(workflowTasks(amends)).isLessThanOrEqualTo(workflowTasks("twin-o-11"));
  }

  private long workflowTasks(String workflowId) {
    return client.fetchHistory(workflowId).getEvents().stream()
        .filter(e -> e.getEventType() == EventType.EVENT_TYPE_WORKFLOW_TASK_COMPLETED)
        .count();
  }

  private long eventsBesidesWorkflowTasks(String workflowId) {
    return client.fetchHistory(workflowId).getEvents().stream()
        .filter(e -> !e.getEventType().name().startsWith("EVENT_TYPE_WORKFLOW_TASK_"))
        .count();
  }

  private static List<String> undoNames() {
    return List.of("releaseStock", "refundCharge", "cancelShipment", "sendCancellationNotice");
  }

  private static String lowerFirst(String s) {
    return Character.toLowerCase(s.charAt(0)) + s.substring(1);
  }

  @Test
  void givenAQueryBeforeAnyStep_itListsEveryDeclaredStepAsPending() throws Exception {
    activities.blockStep(RESERVE);
    OrderWorkflow order = newOrder("o-10");
    WorkflowClient.start(order::fulfil, OrderFixtures.input("o-10"));
    activities.awaitBlockedStep();

    SagaState state = query("o-10");
    assertThat(state.steps())
        .extracting(StepState::name, StepState::status)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(PRICE, StepStatus.DONE),
            org.assertj.core.groups.Tuple.tuple(RESERVE, StepStatus.RUNNING),
            org.assertj.core.groups.Tuple.tuple(CHARGE, StepStatus.PENDING),
            org.assertj.core.groups.Tuple.tuple(SHIP, StepStatus.PENDING),
            org.assertj.core.groups.Tuple.tuple(CONFIRM, StepStatus.PENDING));
    assertThat(state.status()).isEqualTo(SagaStatus.RUNNING);
    activities.releaseBlockedStep();
    WorkflowStub.fromTyped(order).getResult(OrderResult.class);
  }

  private OrderWorkflow newOrder(String orderId) {
    return client.newWorkflowStub(
        OrderWorkflow.class,
        WorkflowOptions.newBuilder()
            .setTaskQueue(taskQueue)
            .setWorkflowId(OrderWorkflow.workflowId(orderId))
            .setWorkflowIdReusePolicy(
                WorkflowIdReusePolicy.WORKFLOW_ID_REUSE_POLICY_REJECT_DUPLICATE)
            .build());
  }

  private SagaState query(String orderId) {
    return driver.state(OrderWorkflow.workflowId(orderId));
  }

  private String sagaStatusAttribute(String orderId) {
    return client
        .newUntypedWorkflowStub(OrderWorkflow.workflowId(orderId))
        .describe()
        .getTypedSearchAttributes()
        .get(AmendsSaga.SAGA_STATUS);
  }

  private int historyLength(String workflowId) {
    return client.fetchHistory(workflowId).getHistory().getEventsCount();
  }

  private void awaitEvent(String workflowId, EventType type) throws InterruptedException {
    for (int i = 0; i < 200; i++) {
      if (client.fetchHistory(workflowId).getEvents().stream()
          .anyMatch(e -> e.getEventType() == type)) {
        return;
      }
      Thread.sleep(50);
    }
    throw new AssertionError(type + " never appeared in " + workflowId);
  }

  private Escalation awaitOpenEscalation(String orderId) {
    return driver.awaitOpenEscalation(OrderWorkflow.workflowId(orderId));
  }

  private Escalation awaitEscalation(String orderId, String id) {
    return driver.awaitOpenEscalation(OrderWorkflow.workflowId(orderId), id);
  }

  private SagaState awaitStatus(String orderId, SagaStatus status) {
    return driver.awaitStatus(OrderWorkflow.workflowId(orderId), status);
  }

  private SagaState awaitRejections(String orderId, int count) {
    return driver.awaitRejections(OrderWorkflow.workflowId(orderId), count);
  }

  private static void decide(OrderWorkflow order, Object decision) {
    order.resolveEscalation(SignalPayloads.of(decision));
  }

  private static Map<String, Object> decision(
      String escalationId, String action, String operator, String note) {
    return EscalationDriver.decision(escalationId, action, operator, note);
  }

  private static StepStatus stepStatus(SagaState state, String step) {
    return state.steps().stream()
        .filter(s -> s.name().equals(step))
        .findFirst()
        .orElseThrow()
        .status();
  }

  private static String undoOf(String step) {
    return OrderWorkflowImpl.DEFINITION.step(step).orElseThrow().undo();
  }
}
