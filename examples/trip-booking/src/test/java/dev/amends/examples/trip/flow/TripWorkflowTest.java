package dev.amends.examples.trip.flow;

import static dev.amends.examples.trip.flow.TripWorkflowImpl.CAR;
import static dev.amends.examples.trip.flow.TripWorkflowImpl.DEPOSIT;
import static dev.amends.examples.trip.flow.TripWorkflowImpl.FLIGHT;
import static dev.amends.examples.trip.flow.TripWorkflowImpl.HOTEL;
import static org.assertj.core.api.Assertions.assertThat;

import dev.amends.saga.Escalation;
import dev.amends.saga.SagaState;
import dev.amends.saga.SagaStatus;
import dev.amends.saga.SignalPayloads;
import dev.amends.saga.StepState;
import dev.amends.saga.StepStatus;
import dev.amends.saga.World;
import dev.amends.testkit.InMemoryEscalations;
import io.temporal.api.enums.v1.IndexedValueType;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowStub;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.testing.TestWorkflowExtension;
import io.temporal.worker.Worker;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The trip saga on the test server, with time skipping: each step's undo, and the escalations. */
class TripWorkflowTest {
  static final List<String> STEPS = List.of(FLIGHT, HOTEL, CAR, DEPOSIT);
  static final Map<String, String> UNDO =
      Map.of(
          FLIGHT, "cancelFlight", HOTEL, "cancelHotel", CAR, "cancelCar", DEPOSIT, "refundDeposit");

  @RegisterExtension
  static final TestWorkflowExtension testWorkflow =
      TestWorkflowExtension.newBuilder()
          .registerWorkflowImplementationTypes(TripWorkflowImpl.class)
          .registerSearchAttribute("SagaStatus", IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD)
          .setDoNotStart(true)
          .build();

  private final InMemoryTripActivities activities = new InMemoryTripActivities();
  private final InMemoryEscalations escalations = new InMemoryEscalations();
  private WorkflowClient client;
  private String taskQueue;

  @BeforeEach
  void start(TestWorkflowEnvironment env, Worker worker) {
    worker.registerActivitiesImplementations(activities, escalations);
    env.start();
    client = env.getWorkflowClient();
    taskQueue = worker.getTaskQueue();
  }

  @Test
  void theDefinitionGivesEveryStepItsWorldsMinimum() {
    assertThat(TripWorkflowImpl.DEFINITION.violations()).isEmpty();
    assertThat(TripWorkflowImpl.DEFINITION.step(DEPOSIT).orElseThrow().world())
        .isEqualTo(World.HISTORY);
  }

  @Test
  void givenEverySupplierAndThePaymentSucceed_theTripIsBookedAndNothingUndone() {
    TripResult result = trip("t-1").book(TripFixtures.input("t-1"));

    assertThat(result.status()).isEqualTo(SagaStatus.COMPLETED);
    assertThat(result.flightReference()).isNotNull();
    assertThat(result.depositChargeId()).isNotNull();
    assertThat(activities.callNames()).containsExactlyElementsOf(STEPS);
    assertThat(activities.calls())
        .contains("bookFlight:trip-t-1/bookFlight", "chargeDeposit:trip-t-1/chargeDeposit");
    assertThat(activities.liveEffects()).hasSize(4);
    assertThat(state("t-1").steps()).extracting(StepState::status).containsOnly(StepStatus.DONE);
  }

  @ParameterizedTest(name = "{0} refused")
  @ValueSource(strings = {FLIGHT, HOTEL, CAR, DEPOSIT})
  void givenAStepIsRefused_everyStartedStepIsUndoneNewestFirst(String failing) {
    activities.failStep(failing);

    TripResult result = trip("t-2").book(TripFixtures.input("t-2"));

    List<String> started = STEPS.subList(0, STEPS.indexOf(failing) + 1);
    List<String> undos = new ArrayList<>();
    for (int i = started.size() - 1; i >= 0; i--) {
      undos.add(UNDO.get(started.get(i)));
    }
    assertThat(result.status()).isEqualTo(SagaStatus.COMPENSATED);
    assertThat(result.failedStep()).isEqualTo(failing);
    assertThat(activities.callNames().subList(started.size(), activities.callNames().size()))
        .containsExactlyElementsOf(undos);
    assertThat(activities.liveEffects()).isEmpty();
    SagaState state = state("t-2");
    for (String step : started) {
      assertThat(status(state, step))
          .as(step)
          .isEqualTo(step.equals(failing) ? StepStatus.NOTHING_TO_UNDO : StepStatus.UNDONE);
    }
    assertThat(escalations.opened).isEmpty();
  }

  @Test
  void givenTheDepositIsChargedButItsAnswerIsLost_theDepositIsRefundedToo() {
    activities.failAfterEffect(DEPOSIT);

    TripResult result = trip("t-3").book(TripFixtures.input("t-3"));

    assertThat(result.status()).isEqualTo(SagaStatus.COMPENSATED);
    assertThat(activities.calls())
        .contains("refundDeposit:trip-t-3/chargeDeposit/undo")
        .endsWith("cancelFlight:trip-t-3/bookFlight/undo");
    assertThat(status(state("t-3"), DEPOSIT)).isEqualTo(StepStatus.UNDONE);
    assertThat(activities.liveEffects()).isEmpty();
  }

  @ParameterizedTest(name = "undo of {0} fails, operator sends {1}")
  @CsvSource({
    "bookFlight, RESOLVED_MANUALLY, RESOLVED_MANUALLY",
    "bookHotel, RESOLVED_MANUALLY, RESOLVED_MANUALLY",
    "bookCar, RETRY, UNDONE",
    "chargeDeposit, RETRY, UNDONE",
    "chargeDeposit, RESOLVED_MANUALLY, RESOLVED_MANUALLY"
  })
  void givenAnUndoFailsForGood_itEscalatesAndTheOperatorSettlesIt(
      String step, String action, StepStatus settled) throws Exception {
    activities.failAfterEffect(DEPOSIT).failUndo(UNDO.get(step));
    TripWorkflow trip = trip("t-4");
    WorkflowClient.start(trip::book, TripFixtures.input("t-4"));

    Escalation escalation = awaitOpenEscalation("t-4");
    assertThat(escalation.id()).isEqualTo(step + "-1");
    assertThat(escalation.undo()).isEqualTo(UNDO.get(step));
    assertThat(escalation.runbook()).startsWith("docs/runbooks/");
    assertThat(escalation.attempts()).isEqualTo(TripFixtures.FAST.undoMaximumAttempts());
    assertThat(state("t-4").status()).isEqualTo(SagaStatus.NEEDS_OPERATOR);
    assertThat(escalations.opened).extracting(Escalation::id).containsExactly(step + "-1");

    if (action.equals("RETRY")) {
      activities.heal(UNDO.get(step));
    }
    trip.resolveEscalation(
        SignalPayloads.of(
            Map.of("escalationId", step + "-1", "action", action, "operator", "ana", "note", "x")));
    TripResult result = WorkflowStub.fromTyped(trip).getResult(TripResult.class);

    assertThat(result.status()).isEqualTo(SagaStatus.COMPENSATED_WITH_OPERATOR);
    SagaState state = state("t-4");
    assertThat(status(state, step)).isEqualTo(settled);
    for (String other : STEPS) {
      if (!other.equals(step)) {
        assertThat(status(state, other)).as(other).isEqualTo(StepStatus.UNDONE);
      }
    }
    assertThat(escalations.closed).extracting(Escalation::id).containsExactly(step + "-1");
  }

  private TripWorkflow trip(String tripId) {
    return TripFixtures.newTrip(client, taskQueue, tripId);
  }

  private SagaState state(String tripId) {
    return client.newWorkflowStub(TripWorkflow.class, TripWorkflow.workflowId(tripId)).sagaState();
  }

  private static StepStatus status(SagaState state, String step) {
    return state.steps().stream()
        .filter(s -> s.name().equals(step))
        .findFirst()
        .orElseThrow()
        .status();
  }

  private Escalation awaitOpenEscalation(String tripId) throws InterruptedException {
    for (int i = 0; i < 300; i++) {
      List<Escalation> open = state(tripId).openEscalations();
      if (!open.isEmpty()) {
        return open.get(0);
      }
      Thread.sleep(50);
    }
    throw new AssertionError("no escalation opened in " + tripId);
  }
}
