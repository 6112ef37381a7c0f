package dev.amends.app.story;

import static dev.amends.app.story.StoryField.BODY;
import static dev.amends.app.story.StoryField.TITLE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.temporal.api.enums.v1.EventType;
import io.temporal.api.enums.v1.WorkflowIdConflictPolicy;
import io.temporal.api.history.v1.HistoryEvent;
import io.temporal.api.history.v1.WorkflowExecutionStartedEventAttributes;
import io.temporal.client.UpdateOptions;
import io.temporal.client.WithStartWorkflowOperation;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowStub;
import io.temporal.client.WorkflowUpdateException;
import io.temporal.client.WorkflowUpdateStage;
import io.temporal.failure.ApplicationFailure;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.testing.TestWorkflowExtension;
import io.temporal.worker.Worker;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The story's writer on the test server, with time skipping: every answer of an undo. */
class StoryWorkflowTest {
  private static final Duration WINDOW = Duration.ofSeconds(10);
  private static final Duration TTL = Duration.ofMinutes(5);
  private static final StorySettings DEPTH_1 = new StorySettings(WINDOW, TTL, 1, 2000);
  private static final StorySettings DEPTH_2 = new StorySettings(WINDOW, TTL, 2, 2000);

  @RegisterExtension
  static final TestWorkflowExtension testWorkflow =
      TestWorkflowExtension.newBuilder()
          .registerWorkflowImplementationTypes(StoryWorkflowImpl.class)
          .setDoNotStart(true)
          .build();

  private final InMemoryStoryActivities store = new InMemoryStoryActivities();
  private TestWorkflowEnvironment env;
  private WorkflowClient client;
  private String taskQueue;
  private int undoIds;

  @BeforeEach
  void start(TestWorkflowEnvironment testEnv, Worker worker) {
    worker.registerActivitiesImplementations(store);
    testEnv.start();
    env = testEnv;
    client = testEnv.getWorkflowClient();
    taskQueue = worker.getTaskQueue();
  }

  @Test
  void givenAnEdit_itIsHeldForTheWindowAndCommittedWhenTheWindowEnds() {
    EditReceipt receipt = edit("s-1", DEPTH_1, TITLE, "Draft");

    assertThat(receipt.commitsAtMillis() - receipt.postedAtMillis()).isEqualTo(WINDOW.toMillis());
    assertThat(receipt.undoableUntilMillis() - receipt.commitsAtMillis()).isEqualTo(TTL.toMillis());
    env.sleep(WINDOW.minusSeconds(1));
    assertThat(store.events("s-1")).as("nothing leaves the workflow inside the window").isEmpty();

    env.sleep(Duration.ofSeconds(2));
    assertThat(store.events("s-1"))
        .containsExactly(new StoryEvent("s-1", 1, StoryEvent.Kind.EDIT, TITLE, "Draft"));
  }

  @Test
  void givenAnUndoInsideTheWindow_itDiscardsTheEdit_whichNeverCommits() {
    EditReceipt receipt = edit("s-2", DEPTH_1, TITLE, "Oops");
    env.sleep(Duration.ofSeconds(3));

    UndoAnswer answer = undo("s-2", receipt.undoId());

    assertThat(answer.status()).isEqualTo(UndoStatus.DISCARDED);
    env.sleep(WINDOW.plusSeconds(5));
    assertThat(store.events("s-2")).isEmpty();
    assertThat(store.calls()).isEmpty();
  }

  @Test
  void givenAnUndoAfterCommitWithinTheTtl_itAppendsTheCompensatingChange() {
    edit("s-3", DEPTH_1, TITLE, "Old");
    env.sleep(WINDOW.plusSeconds(1));
    EditReceipt receipt = edit("s-3", DEPTH_1, TITLE, "New");
    env.sleep(WINDOW.plusSeconds(1));
    assertThat(store.story("s-3").get(TITLE)).isEqualTo("New");

    UndoAnswer answer = undo("s-3", receipt.undoId());

    assertThat(answer.status()).isEqualTo(UndoStatus.UNDONE);
    assertThat(answer.restored()).containsExactly(TITLE);
    assertThat(answer.kept()).isEmpty();
    assertThat(answer.revision()).isEqualTo(3);
    assertThat(store.events("s-3"))
        .last()
        .isEqualTo(new StoryEvent("s-3", 3, StoryEvent.Kind.UNDO, TITLE, "Old"));
  }

  @Test
  void givenAnotherEditorChangedTheFieldSince_nothingIsUndoneAndTheirChangeIsKept() {
    EditReceipt mine = edit("s-4", DEPTH_2, TITLE, "Mine");
    env.sleep(Duration.ofSeconds(2));
    edit("s-4", DEPTH_2, TITLE, "Theirs");
    env.sleep(WINDOW.plusSeconds(1));

    UndoAnswer answer = undo("s-4", mine.undoId());

    assertThat(answer.status()).isEqualTo(UndoStatus.NOTHING_UNDONE);
    assertThat(answer.restored()).isEmpty();
    assertThat(answer.kept()).containsExactly(TITLE);
    assertThat(store.story("s-4").get(TITLE)).isEqualTo("Theirs");
    assertThat(store.events("s-4")).extracting(StoryEvent::kind).containsOnly(StoryEvent.Kind.EDIT);
  }

  @Test
  void givenAnotherEditorChangedAnotherField_theUndoRestoresOnlyTheEditsOwnField() {
    EditReceipt mine = edit("s-5", DEPTH_2, TITLE, "Mine");
    env.sleep(Duration.ofSeconds(1));
    edit("s-5", DEPTH_2, BODY, "Their body");
    env.sleep(WINDOW.plusSeconds(1));

    UndoAnswer answer = undo("s-5", mine.undoId());

    assertThat(answer.status()).isEqualTo(UndoStatus.UNDONE);
    assertThat(answer.restored()).containsExactly(TITLE);
    assertThat(store.story("s-5").fields()).containsExactly(Map.entry(BODY, "Their body"));
  }

  @Test
  void givenTheTtlHasPassed_theWriterHasForgottenTheEdit_andTheUndoChangesNothing() {
    // The REST side answers 410 for such an id from its own table before asking the writer.
    EditReceipt early = edit("s-6", DEPTH_2, TITLE, "Early");
    env.sleep(WINDOW.plus(TTL).minusSeconds(5));
    edit("s-6", DEPTH_2, BODY, "Keeps the writer running");
    env.sleep(Duration.ofSeconds(6));

    assertThat(
            client.newWorkflowStub(StoryWorkflow.class, StoryWorkflow.workflowId("s-6")).tickets())
        .extracting(EditTicket::undoId)
        .doesNotContain(early.undoId());
    assertThat(undo("s-6", early.undoId()).status()).isEqualTo(UndoStatus.UNKNOWN);
    assertThat(store.story("s-6").get(TITLE)).isEqualTo("Early");
    assertThat(store.calls()).noneMatch(c -> c.startsWith("undoEdit"));
  }

  @Test
  void givenAnUnknownUndoId_itAnswersUnknown() {
    edit("s-8", DEPTH_1, TITLE, "x");

    assertThat(undo("s-8", "never-issued").status()).isEqualTo(UndoStatus.UNKNOWN);
  }

  @Test
  void givenDepthOne_aNewerEditPushesTheOlderOutOfTheUndoStack_andBothStillCommitInOrder() {
    EditReceipt older = edit("s-9", DEPTH_1, TITLE, "First");
    EditReceipt newer = edit("s-9", DEPTH_1, BODY, "Second");

    assertThat(undo("s-9", older.undoId()).status()).isEqualTo(UndoStatus.BEYOND_UNDO_DEPTH);
    env.sleep(WINDOW.plusSeconds(1));
    assertThat(store.events("s-9"))
        .extracting(StoryEvent::value)
        .containsExactly("First", "Second");
    List<EditTicket> tickets =
        client.newWorkflowStub(StoryWorkflow.class, StoryWorkflow.workflowId("s-9")).tickets();
    assertThat(tickets.get(0).committed())
        .as("no snapshot kept for what cannot be undone")
        .isNull();
    assertThat(tickets.get(0).value()).isNull();
    assertThat(tickets.get(1).committed()).isNotNull();
    assertThat(undo("s-9", newer.undoId()).status()).isEqualTo(UndoStatus.UNDONE);
  }

  @Test
  void givenARepeatedUndo_itGetsTheFirstAnswerAndActsOnce() {
    EditReceipt discarded = edit("s-10", DEPTH_2, TITLE, "Gone");
    assertThat(undo("s-10", discarded.undoId()).status()).isEqualTo(UndoStatus.DISCARDED);
    EditReceipt committed = edit("s-10", DEPTH_2, BODY, "Body");
    env.sleep(WINDOW.plusSeconds(1));
    UndoAnswer first = undo("s-10", committed.undoId());

    assertThat(undo("s-10", discarded.undoId()).status()).isEqualTo(UndoStatus.DISCARDED);
    assertThat(undo("s-10", committed.undoId())).isEqualTo(first);
    assertThat(store.events("s-10"))
        .extracting(StoryEvent::kind)
        .containsExactly(StoryEvent.Kind.EDIT, StoryEvent.Kind.UNDO);
  }

  @Test
  void givenATargetRevision_theRollbackAppendsOneEventPerDifferingFieldAndAMarker() {
    commitAll("s-11", List.of(TITLE, "a"), List.of(TITLE, "b"), List.of(BODY, "x"));

    RollbackResult result = rollback("s-11", "r-1", 1, 3);

    assertThat(result.appended())
        .containsExactly(
            new StoryEvent("s-11", 4, StoryEvent.Kind.ROLLBACK, TITLE, "a"),
            new StoryEvent("s-11", 5, StoryEvent.Kind.ROLLBACK, BODY, null),
            new StoryEvent("s-11", 6, StoryEvent.Kind.ROLLBACK_MARKER, null, "2..3 -> 1"));
    assertThat(result.fromRevision()).isEqualTo(3);
    assertThat(result.revision()).isEqualTo(6);
    assertThat(store.story("s-11").fields()).isEqualTo(Map.of(TITLE, "a"));
    assertThat(rollback("s-11", "r-1", 1, 3))
        .as("a repeated request appends nothing")
        .isEqualTo(result);
    assertThat(store.events("s-11")).hasSize(6);
  }

  @Test
  void givenAStaleExpectedRevision_theRollbackIsRefusedAndAppendsNothing() {
    commitAll("s-12", List.of(TITLE, "a"), List.of(TITLE, "b"));

    assertThat(refusal(() -> rollback("s-12", "r-2", 1, 1)).getType()).isEqualTo("STALE_REVISION");
    assertThat(refusal(() -> rollback("s-12", "r-3", 5, 2)).getType())
        .isEqualTo("TARGET_OUT_OF_RANGE");
    assertThat(store.events("s-12")).hasSize(2);
    assertThat(refusal(() -> rollback("s-none", "r-4", 0, 0)).getType())
        .isEqualTo("STORY_NOT_FOUND");
  }

  @Test
  void givenAnEditHeldDuringARollback_itIsNamedAndStillCommitsAfterIt() {
    commitAll("s-13", List.of(TITLE, "a"), List.of(TITLE, "b"));
    EditReceipt held = edit("s-13", DEPTH_1, BODY, "later");

    RollbackResult result = rollback("s-13", "r-5", 1, 2);

    assertThat(result.stillHeld()).containsExactly(held.undoId());
    env.sleep(WINDOW.plusSeconds(1));
    assertThat(store.events("s-13"))
        .extracting(StoryEvent::kind)
        .containsExactly(
            StoryEvent.Kind.EDIT,
            StoryEvent.Kind.EDIT,
            StoryEvent.Kind.ROLLBACK,
            StoryEvent.Kind.ROLLBACK_MARKER,
            StoryEvent.Kind.EDIT);
  }

  @Test
  void givenMalformedInput_theValidatorsRefuseItWithoutWritingHistory() {
    edit("s-14", DEPTH_1, TITLE, "ok");
    StoryWorkflow writer =
        client.newWorkflowStub(StoryWorkflow.class, StoryWorkflow.workflowId("s-14"));

    assertThatThrownBy(() -> writer.submitEdit(new EditRequest("s-14", "u-x", null, "v")))
        .isInstanceOf(WorkflowUpdateException.class)
        .hasStackTraceContaining("field is required");
    assertThatThrownBy(() -> writer.submitEdit(new EditRequest("other", "u-y", TITLE, "v")))
        .hasStackTraceContaining("not other");
    assertThatThrownBy(
            () -> writer.submitEdit(new EditRequest("s-14", "u-z", TITLE, "x".repeat(20_001))))
        .hasStackTraceContaining("longer than");
    assertThatThrownBy(() -> writer.rollback(new RollbackRequest("s-14", "r", -1, 0)))
        .hasStackTraceContaining("targetRevision");
    assertThatThrownBy(() -> writer.undo(new UndoRequest("s-14", " ")))
        .hasStackTraceContaining("undoId");

    List<HistoryEvent> history = client.fetchHistory(StoryWorkflow.workflowId("s-14")).getEvents();
    assertThat(
            history.stream()
                .filter(
                    e ->
                        e.getEventType()
                            == EventType.EVENT_TYPE_WORKFLOW_EXECUTION_UPDATE_ACCEPTED))
        .as("only the valid edit was accepted")
        .hasSize(1);
    assertThat(writer.tickets()).hasSize(1);
  }

  @Test
  void givenNothingLeftToAnswerFor_theWriterCompletes_andTheNextEditStartsANewOne() {
    edit("s-15", DEPTH_1, TITLE, "one");
    WorkflowStub run = client.newUntypedWorkflowStub(StoryWorkflow.workflowId("s-15"));
    String firstRun = run.getExecution().getRunId();

    env.sleep(WINDOW.plus(TTL).plusSeconds(1));
    run.getResult(Void.class);

    edit("s-15", DEPTH_1, TITLE, "two");
    String secondRun =
        client
            .newUntypedWorkflowStub(StoryWorkflow.workflowId("s-15"))
            .describe()
            .getExecution()
            .getRunId();
    assertThat(secondRun).isNotEqualTo(firstRun);
    env.sleep(WINDOW.plusSeconds(1));
    assertThat(store.events("s-15")).extracting(StoryEvent::value).containsExactly("one", "two");
  }

  @Test
  void givenALongHistory_theWriterContinuesAsNewCarryingHeldAndUndoableEdits() {
    StorySettings shortHistory = new StorySettings(WINDOW, TTL, 1, 100);
    for (int i = 0; i < 12; i++) {
      edit("s-16", shortHistory, TITLE, "v" + i);
      env.sleep(WINDOW.plusSeconds(1));
    }
    EditReceipt held = edit("s-16", shortHistory, BODY, "held across runs");

    assertThat(startedEvent("s-16").getContinuedExecutionRunId())
        .as("continued as new")
        .isNotEmpty();
    env.sleep(WINDOW.plusSeconds(1));
    assertThat(store.story("s-16").get(BODY)).isEqualTo("held across runs");
    assertThat(undo("s-16", held.undoId()).status()).isEqualTo(UndoStatus.UNDONE);
    assertThat(store.events("s-16")).hasSize(14);
  }

  private WorkflowExecutionStartedEventAttributes startedEvent(String storyId) {
    return client
        .fetchHistory(StoryWorkflow.workflowId(storyId))
        .getEvents()
        .get(0)
        .getWorkflowExecutionStartedEventAttributes();
  }

  @SafeVarargs
  private void commitAll(String storyId, List<Object>... edits) {
    for (List<Object> e : edits) {
      edit(storyId, DEPTH_1, (StoryField) e.get(0), (String) e.get(1));
      env.sleep(WINDOW.plusSeconds(1));
    }
  }

  private EditReceipt edit(String storyId, StorySettings settings, StoryField field, String value) {
    StoryWorkflow writer =
        client.newWorkflowStub(
            StoryWorkflow.class,
            WorkflowOptions.newBuilder()
                .setWorkflowId(StoryWorkflow.workflowId(storyId))
                .setTaskQueue(taskQueue)
                .setWorkflowIdConflictPolicy(
                    WorkflowIdConflictPolicy.WORKFLOW_ID_CONFLICT_POLICY_USE_EXISTING)
                .build());
    return WorkflowClient.executeUpdateWithStart(
        writer::submitEdit,
        new EditRequest(storyId, "u-" + (++undoIds), field, value),
        UpdateOptions.<EditReceipt>newBuilder()
            .setWaitForStage(WorkflowUpdateStage.COMPLETED)
            .build(),
        new WithStartWorkflowOperation<>(writer::run, StoryWorkflowInput.start(storyId, settings)));
  }

  private UndoAnswer undo(String storyId, String undoId) {
    return client
        .newWorkflowStub(StoryWorkflow.class, StoryWorkflow.workflowId(storyId))
        .undo(new UndoRequest(storyId, undoId));
  }

  private RollbackResult rollback(String storyId, String requestId, long target, long expected) {
    StoryWorkflow writer =
        client.newWorkflowStub(
            StoryWorkflow.class,
            WorkflowOptions.newBuilder()
                .setWorkflowId(StoryWorkflow.workflowId(storyId))
                .setTaskQueue(taskQueue)
                .setWorkflowIdConflictPolicy(
                    WorkflowIdConflictPolicy.WORKFLOW_ID_CONFLICT_POLICY_USE_EXISTING)
                .build());
    return WorkflowClient.executeUpdateWithStart(
        writer::rollback,
        new RollbackRequest(storyId, requestId, target, expected),
        UpdateOptions.<RollbackResult>newBuilder()
            .setWaitForStage(WorkflowUpdateStage.COMPLETED)
            .build(),
        new WithStartWorkflowOperation<>(writer::run, StoryWorkflowInput.start(storyId, DEPTH_1)));
  }

  private static ApplicationFailure refusal(Runnable call) {
    try {
      call.run();
    } catch (WorkflowUpdateException e) {
      Throwable cause = e.getCause();
      assertThat(cause).isInstanceOf(ApplicationFailure.class);
      return (ApplicationFailure) cause;
    }
    throw new AssertionError("expected the update to be refused");
  }
}
