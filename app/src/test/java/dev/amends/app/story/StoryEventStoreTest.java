package dev.amends.app.story;

import static dev.amends.app.story.StoryField.BODY;
import static dev.amends.app.story.StoryField.TITLE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.amends.app.story.StoryWrites.CommitEdit;
import dev.amends.app.story.StoryWrites.CommittedEdit;
import dev.amends.app.story.StoryWrites.UndoEdit;
import io.temporal.failure.ApplicationFailure;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.jdbc.test.autoconfigure.JdbcTest;
import org.springframework.context.annotation.Import;
import org.springframework.dao.DataAccessException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The story event store on the embedded database: append-only, one event per revision, once. */
@JdbcTest
@Import({StoryEventStore.class, StoryActivitiesImpl.class, IssuedUndos.class})
class StoryEventStoreTest {
  @SpringBootApplication
  static class Slice {}

  @Autowired StoryEventStore store;
  @Autowired StoryActivitiesImpl activities;
  @Autowired IssuedUndos issued;
  @Autowired JdbcClient jdbc;

  @Test
  void givenStoredEvents_theDatabaseRefusesToUpdateOrDeleteThem() {
    activities.commitEdit(new CommitEdit("db-1", "u-1", TITLE, "kept forever"));

    assertThatThrownBy(() -> jdbc.sql("UPDATE story_event SET new_value = 'rewritten'").update())
        .isInstanceOf(DataAccessException.class)
        .hasStackTraceContaining("story_event is append-only: UPDATE refused");
    assertThatThrownBy(() -> jdbc.sql("DELETE FROM story_event").update())
        .hasStackTraceContaining("story_event is append-only: DELETE refused");
    assertThat(store.current("db-1").get(TITLE)).isEqualTo("kept forever");
  }

  @Test
  void givenTwoAppendsOfTheSameRevision_theSecondIsRefusedByThePrimaryKey() {
    activities.commitEdit(new CommitEdit("db-2", "u-1", TITLE, "first"));

    assertThatThrownBy(
            () ->
                jdbc.sql(
                        "INSERT INTO story_event (story_id, revision, kind, field, new_value,"
                            + " idempotency_key, recorded_at) VALUES ('db-2', 1, 'EDIT', 'TITLE',"
                            + " 'racing', 'edit/u-2', :now)")
                    .param("now", Timestamp.from(Instant.now()))
                    .update())
        .isInstanceOf(DuplicateKeyException.class);
  }

  @Test
  void givenARetriedCommit_theEditIsStoredOnceAndTheSameSnapshotsAreAnswered() {
    CommitEdit edit = new CommitEdit("db-3", "u-1", TITLE, "once");

    CommittedEdit first = activities.commitEdit(edit);
    activities.commitEdit(new CommitEdit("db-3", "u-2", BODY, "after"));
    CommittedEdit retried = activities.commitEdit(edit);

    assertThat(retried).isEqualTo(first);
    assertThat(store.history("db-3"))
        .extracting(RecordedStoryEvent::idempotencyKey)
        .containsExactly("edit/u-1", "edit/u-2");
  }

  @Test
  void givenAnUndo_itAppendsOneUndoEventPerRestoredFieldAndIsIdempotent() {
    activities.commitEdit(new CommitEdit("db-4", "u-1", TITLE, "before"));
    CommittedEdit edit = activities.commitEdit(new CommitEdit("db-4", "u-2", TITLE, "after"));
    UndoEdit undo = new UndoEdit("db-4", "u-2", edit.before(), edit.after());

    StoryWrites.UndoneEdit undone = activities.undoEdit(undo);

    assertThat(undone.restored()).containsExactly(TITLE);
    assertThat(activities.undoEdit(undo)).isEqualTo(undone);
    assertThat(store.history("db-4"))
        .extracting(e -> e.event().kind())
        .containsExactly(StoryEvent.Kind.EDIT, StoryEvent.Kind.EDIT, StoryEvent.Kind.UNDO);
    assertThat(store.current("db-4").get(TITLE)).isEqualTo("before");
  }

  @Test
  void givenAStaleExpectedRevision_theRollbackIsRefusedNonRetryablyAndAppendsNothing() {
    activities.commitEdit(new CommitEdit("db-5", "u-1", TITLE, "a"));
    activities.commitEdit(new CommitEdit("db-5", "u-2", TITLE, "b"));

    assertThatThrownBy(() -> activities.rollback(new RollbackRequest("db-5", "r-1", 1, 1)))
        .isInstanceOfSatisfying(
            ApplicationFailure.class,
            f -> {
              assertThat(f.getType()).isEqualTo("STALE_REVISION");
              assertThat(f.isNonRetryable()).isTrue();
              assertThat(f.getDetails().get(Long.class)).isEqualTo(2L);
            });
    assertThat(store.history("db-5")).hasSize(2);
  }

  @Test
  void givenAnUndoIdAnsweredTwice_theFirstAnswerIsKept() {
    issued.record(new EditReceipt("db-6", "u-1", TITLE, 1_000, 11_000, 311_000));
    UndoAnswer first =
        new UndoAnswer("u-1", UndoStatus.UNDONE, List.of(TITLE), List.of(), 7, 311_000);

    assertThat(issued.keepFirst(first)).isEqualTo(first);
    assertThat(issued.keepFirst(new UndoAnswer("u-1", UndoStatus.EXPIRED, null, null, 0, 311_000)))
        .isEqualTo(first);
    assertThat(issued.find("u-1").orElseThrow().storyId()).isEqualTo("db-6");
    assertThat(issued.find("u-unknown")).isEmpty();
  }
}
