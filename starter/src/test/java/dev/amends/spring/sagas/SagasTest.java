package dev.amends.spring.sagas;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.temporal.api.enums.v1.EventType;
import io.temporal.api.history.v1.HistoryEvent;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowClientOptions;
import io.temporal.client.WorkflowExecutionDescription;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowStub;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.worker.Worker;
import io.temporal.workflow.SignalMethod;
import io.temporal.workflow.Workflow;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/** Sagas on the in-process Temporal test server: one saga per business id, whoever starts it. */
class SagasTest {
  static final String QUEUE = "sagas-test";

  public record Ticket(String passenger, String seat) {}

  /** The workflow's argument: the ticket, and a channel that does not make it another request. */
  public record Booking(Ticket ticket, String channel) {}

  @WorkflowInterface
  public interface BookingWorkflow {
    @WorkflowMethod
    String book(Booking booking);

    @SignalMethod
    void finish();
  }

  public static class BookingWorkflowImpl implements BookingWorkflow {
    private boolean finished;

    @Override
    public String book(Booking booking) {
      Workflow.await(() -> finished);
      return booking.ticket().seat();
    }

    @Override
    public void finish() {
      finished = true;
    }
  }

  static final SagaFlow<Booking> BOOKINGS =
      SagaFlow.of(BookingWorkflow.class, Booking.class)
          .taskQueue(QUEUE)
          .workflowIds(id -> "booking-" + id)
          .sameInputWhen(Booking::ticket)
          .build();

  TestWorkflowEnvironment env;
  WorkflowClient client;
  Sagas sagas;

  @BeforeEach
  void start() {
    env = TestWorkflowEnvironment.newInstance();
    Worker worker = env.newWorker(QUEUE);
    worker.registerWorkflowImplementationTypes(BookingWorkflowImpl.class);
    env.start();
    client = env.getWorkflowClient();
    sagas = Sagas.using(client);
  }

  @AfterEach
  void stop() {
    env.close();
  }

  static Booking booking(String seat, String channel) {
    return new Booking(new Ticket("Ana", seat), channel);
  }

  @Test
  void givenTheSameInputTwice_itReturnsTheSameRunAndStartsNoSecond() {
    SagaHandle first = sagas.start(BOOKINGS, "b1", booking("12A", "web"));
    SagaHandle again = sagas.start(BOOKINGS, "b1", booking("12A", "web"));
    SagaHandle otherChannel = sagas.start(BOOKINGS, "b1", booking("12A", "phone"));

    assertThat(first.created()).isTrue();
    assertThat(first.workflowId()).isEqualTo("booking-b1");
    assertThat(again).isEqualTo(new SagaHandle("booking-b1", first.runId(), false));
    assertThat(otherChannel).isEqualTo(again);
    assertThat(latestRunId("booking-b1")).isEqualTo(first.runId());
    assertThat(startedEvents("booking-b1", first.runId())).isEqualTo(1);
    assertThat(memo("booking-b1", Sagas.INPUT_DIGEST_MEMO)).startsWith("sha256:");
  }

  @Test
  void givenADifferentInputForTheSameId_itRefusesNamingTheWorkflowIdOnly_andStartsNothing() {
    SagaHandle first = sagas.start(BOOKINGS, "b2", booking("12A", "web"));
    String digest = memo("booking-b2", Sagas.INPUT_DIGEST_MEMO);

    assertThatThrownBy(() -> sagas.start(BOOKINGS, "b2", booking("14C", "web")))
        .isInstanceOfSatisfying(
            SagaInputConflict.class, c -> assertThat(c.workflowId()).isEqualTo("booking-b2"))
        .hasMessageContaining("booking-b2")
        .hasMessageNotContaining("14C")
        .hasMessageNotContaining("Ana");

    assertThat(latestRunId("booking-b2")).isEqualTo(first.runId());
    assertThat(memo("booking-b2", Sagas.INPUT_DIGEST_MEMO)).isEqualTo(digest);
    assertThat(startedEvents("booking-b2", first.runId())).isEqualTo(1);
  }

  @Test
  void givenARunStartedByAPlainClient_itIsComparedThroughItsFirstHistoryEvent() {
    String runId = plainStart("booking-b3", booking("12A", "web"));
    assertThat(memo("booking-b3", Sagas.INPUT_DIGEST_MEMO)).isNull();

    assertThatThrownBy(() -> sagas.start(BOOKINGS, "b3", booking("14C", "web")))
        .isInstanceOf(SagaInputConflict.class);
    assertThat(sagas.start(BOOKINGS, "b3", booking("12A", "phone")))
        .isEqualTo(new SagaHandle("booking-b3", runId, false));
    assertThat(latestRunId("booking-b3")).isEqualTo(runId);
  }

  @Test
  void givenAnotherWorkflowTypeUnderTheId_itRefuses() {
    client
        .newUntypedWorkflowStub(
            "SomethingElse",
            WorkflowOptions.newBuilder().setWorkflowId("booking-b4").setTaskQueue("idle").build())
        .start(booking("12A", "web"));

    assertThatThrownBy(() -> sagas.start(BOOKINGS, "b4", booking("12A", "web")))
        .isInstanceOf(SagaInputConflict.class);
  }

  @Test
  void givenTheSagaClosed_theIdIsNotReused_andIsComparedAsBefore() {
    SagaHandle first = sagas.start(BOOKINGS, "b5", booking("12A", "web"));
    WorkflowStub run = client.newUntypedWorkflowStub("booking-b5");
    run.signal("finish");
    assertThat(run.getResult(String.class)).isEqualTo("12A");

    assertThat(sagas.start(BOOKINGS, "b5", booking("12A", "web")))
        .isEqualTo(new SagaHandle("booking-b5", first.runId(), false));
    assertThatThrownBy(() -> sagas.start(BOOKINGS, "b5", booking("14C", "web")))
        .isInstanceOf(SagaInputConflict.class);
    assertThat(latestRunId("booking-b5")).isEqualTo(first.runId());
  }

  @Test
  void givenASecondClientWithoutSpring_itSeesTheSameSagas() {
    WorkflowClient elsewhere =
        WorkflowClient.newInstance(
            env.getWorkflowServiceStubs(),
            WorkflowClientOptions.newBuilder()
                .setNamespace(client.getOptions().getNamespace())
                .setIdentity("another-service")
                .build());
    Sagas other = Sagas.using(elsewhere);

    SagaHandle first = sagas.start(BOOKINGS, "b6", booking("12A", "web"));
    assertThat(other.start(BOOKINGS, "b6", booking("12A", "web")))
        .isEqualTo(new SagaHandle("booking-b6", first.runId(), false));
    assertThatThrownBy(() -> other.start(BOOKINGS, "b6", booking("14C", "web")))
        .isInstanceOf(SagaInputConflict.class);

    String plain = plainStart("booking-b7", booking("3F", "web"));
    assertThatThrownBy(() -> other.start(BOOKINGS, "b7", booking("14C", "web")))
        .isInstanceOf(SagaInputConflict.class);
    assertThat(other.start(BOOKINGS, "b7", booking("3F", "web")).runId()).isEqualTo(plain);
  }

  @Test
  void inSpring_itIsABean_unlessTheServiceDefinesItsOwn() {
    ApplicationContextRunner runner =
        new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(SagasAutoConfiguration.class))
            .withBean(WorkflowClient.class, () -> client);
    runner.run(context -> assertThat(context).hasSingleBean(Sagas.class));

    Sagas own = new Sagas(client);
    runner
        .withBean("ownSagas", Sagas.class, () -> own)
        .run(context -> assertThat(context.getBean(Sagas.class)).isSameAs(own));
  }

  private String plainStart(String workflowId, Booking booking) {
    BookingWorkflow stub =
        client.newWorkflowStub(
            BookingWorkflow.class,
            WorkflowOptions.newBuilder().setWorkflowId(workflowId).setTaskQueue(QUEUE).build());
    return WorkflowClient.start(stub::book, booking).getRunId();
  }

  private WorkflowExecutionDescription describe(String workflowId) {
    return client.newUntypedWorkflowStub(workflowId, Optional.empty(), Optional.empty()).describe();
  }

  private String latestRunId(String workflowId) {
    return describe(workflowId).getExecution().getRunId();
  }

  private String memo(String workflowId, String key) {
    return (String) describe(workflowId).getMemo(key, String.class);
  }

  private long startedEvents(String workflowId, String runId) {
    return client.fetchHistory(workflowId, runId).getHistory().getEventsList().stream()
        .map(HistoryEvent::getEventType)
        .filter(EventType.EVENT_TYPE_WORKFLOW_EXECUTION_STARTED::equals)
        .count();
  }
}
