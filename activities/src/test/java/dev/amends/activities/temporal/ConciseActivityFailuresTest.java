package dev.amends.activities.temporal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityOptions;
import io.temporal.api.history.v1.HistoryEvent;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowFailedException;
import io.temporal.client.WorkflowOptions;
import io.temporal.common.RetryOptions;
import io.temporal.failure.ActivityFailure;
import io.temporal.failure.ApplicationFailure;
import io.temporal.testing.TestEnvironmentOptions;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.worker.Worker;
import io.temporal.worker.WorkerFactoryOptions;
import io.temporal.workflow.Workflow;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.dao.DataIntegrityViolationException;

/** An activity's failure, as Temporal records it, stays short enough for the server to keep. */
class ConciseActivityFailuresTest {
  private TestWorkflowEnvironment env;
  private WorkflowClient client;

  @WorkflowInterface
  public interface Caller {
    @WorkflowMethod
    void call();
  }

  @ActivityInterface
  public interface Store {
    void write();
  }

  public static class CallerImpl implements Caller {
    @Override
    public void call() {
      Workflow.newActivityStub(
              Store.class,
              ActivityOptions.newBuilder()
                  .setStartToCloseTimeout(Duration.ofSeconds(5))
                  .setRetryOptions(RetryOptions.newBuilder().setMaximumAttempts(1).build())
                  .build())
          .write();
    }
  }

  /** A store that fails as JDBC does: the whole statement, the values, nested causes. */
  static class FailingStore implements Store {
    @Override
    public void write() {
      String value = "x".repeat(5_000);
      throw new DataIntegrityViolationException(
          "PreparedStatementCallback; SQL [UPDATE escalation SET decision_note = ?]; value "
              + value,
          new IllegalStateException(
              "Value too long for column \"decision_note\": '" + value + "'",
              new RuntimeException("deep cause " + value)));
    }
  }

  @BeforeEach
  void start() {
    env =
        TestWorkflowEnvironment.newInstance(
            TestEnvironmentOptions.newBuilder()
                .setWorkerFactoryOptions(
                    WorkerFactoryOptions.newBuilder()
                        .setWorkerInterceptors(new ConciseActivityFailures())
                        .build())
                .build());
    Worker worker = env.newWorker("concise");
    worker.registerWorkflowImplementationTypes(CallerImpl.class);
    worker.registerActivitiesImplementations(new FailingStore());
    env.start();
    client = env.getWorkflowClient();
  }

  @AfterEach
  void stop() {
    env.close();
  }

  @Test
  void
      givenAnActivityFailsWithAHugeNestedException_itsRecordedFailureIsShortAndNamesTheRootCause() {
    Caller caller =
        client.newWorkflowStub(
            Caller.class,
            WorkflowOptions.newBuilder()
                .setTaskQueue("concise")
                .setWorkflowId("concise-1")
                .build());

    assertThatThrownBy(caller::call)
        .isInstanceOf(WorkflowFailedException.class)
        .satisfies(
            e -> {
              ActivityFailure activity = (ActivityFailure) e.getCause();
              ApplicationFailure app = (ApplicationFailure) activity.getCause();
              assertThat(app.getType()).isEqualTo("DataIntegrityViolationException");
              assertThat(app.getOriginalMessage())
                  .hasSizeLessThanOrEqualTo(ConciseActivityFailures.MAX_MESSAGE)
                  .startsWith("PreparedStatementCallback")
                  .contains("...");
              assertThat(app.getCause()).isNull();
            });
    HistoryEvent failed =
        client.fetchHistory("concise-1").getEvents().stream()
            .filter(HistoryEvent::hasActivityTaskFailedEventAttributes)
            .findFirst()
            .orElseThrow();
    // The server replaces an activity's last failure above 4 KB (by default) with a placeholder.
    assertThat(failed.getActivityTaskFailedEventAttributes().getFailure().getSerializedSize())
        .isLessThan(2_048);
  }

  @Test
  void givenAShortApplicationFailure_itKeepsItsTypeAndMessage() {
    ApplicationFailure refused =
        ApplicationFailure.newNonRetryableFailure("card declined", "CARD_DECLINED");

    RuntimeException kept = ConciseActivityFailures.concise(refused);

    assertThat(kept).isSameAs(refused);
    assertThat(((ApplicationFailure) kept).isNonRetryable()).isTrue();
    assertThat(kept.getStackTrace()).hasSizeLessThanOrEqualTo(ConciseActivityFailures.MAX_FRAMES);
  }

  @Test
  void givenAnApplicationFailureWithACause_itFoldsTheCauseIntoOneBoundedMessage() {
    ApplicationFailure wrapped =
        ApplicationFailure.newFailureWithCause(
            "append failed", "LEDGER_UNAVAILABLE", new IllegalStateException("connection refused"));

    ApplicationFailure kept = (ApplicationFailure) ConciseActivityFailures.concise(wrapped);

    assertThat(kept.getType()).isEqualTo("LEDGER_UNAVAILABLE");
    assertThat(kept.getOriginalMessage())
        .isEqualTo("append failed (caused by IllegalStateException: connection refused)");
    assertThat(kept.getCause()).isNull();
  }
}
