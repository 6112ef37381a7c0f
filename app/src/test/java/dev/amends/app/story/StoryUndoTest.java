package dev.amends.app.story;

import static dev.amends.app.story.StoryField.BODY;
import static dev.amends.app.story.StoryField.STATUS;
import static dev.amends.app.story.StoryField.TITLE;
import static org.assertj.core.api.Assertions.assertThat;

import dev.amends.app.story.StoryWrites.CommitEdit;
import dev.amends.app.story.StoryWrites.UndoEdit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The compensating change of seed 002, and the idempotency of every write to the stream. */
class StoryUndoTest {
  private static final String S = "s";

  @Test
  void givenSnapshotsDifferingInSeveralFields_itRestoresOnlyThoseStillHoldingTheChangedValue() {
    Story before = new Story(S, 4, Map.of(TITLE, "t0", BODY, "b0", STATUS, "draft"));
    Story after = new Story(S, 5, Map.of(TITLE, "t1", BODY, "b1", STATUS, "draft"));
    Story current = new Story(S, 7, Map.of(TITLE, "t1", BODY, "someone else's", STATUS, "live"));

    StoryUndo.Compensation c = StoryUndo.of(before, after, current);

    assertThat(c.restored()).containsExactly(TITLE);
    assertThat(c.kept()).containsExactly(BODY);
    assertThat(c.events()).containsExactly(new StoryEvent(S, 8, StoryEvent.Kind.UNDO, TITLE, "t0"));
  }

  @Test
  void givenAFieldTheEditCreated_itsUndoClearsIt() {
    Story before = new Story(S, 0, Map.of());
    Story after = new Story(S, 1, Map.of(TITLE, "new"));

    assertThat(StoryUndo.of(before, after, after).events())
        .containsExactly(new StoryEvent(S, 2, StoryEvent.Kind.UNDO, TITLE, null));
  }

  @Test
  void givenAnEditThatChangedNothing_itsUndoRestoresNothingAndKeepsNothing() {
    Story same = new Story(S, 1, Map.of(TITLE, "x"));

    StoryUndo.Compensation c = StoryUndo.of(same, same, same);

    assertThat(c.events()).isEmpty();
    assertThat(c.restored()).isEmpty();
    assertThat(c.kept()).isEmpty();
  }

  @Test
  void givenARetriedCommit_itAppendsNothingAndAnswersTheSameSnapshots() {
    List<KeyedEvent> stream = new ArrayList<>();
    CommitEdit edit = new CommitEdit(S, "u-1", TITLE, "a");
    StoryAppends.Plan<StoryWrites.CommittedEdit> first = StoryAppends.commit(stream, edit);
    stream.addAll(first.append());
    stream.addAll(StoryAppends.commit(stream, new CommitEdit(S, "u-2", TITLE, "b")).append());

    StoryAppends.Plan<StoryWrites.CommittedEdit> again = StoryAppends.commit(stream, edit);

    assertThat(again.append()).isEmpty();
    assertThat(again.result()).isEqualTo(first.result());
    assertThat(first.append()).extracting(KeyedEvent::key).containsExactly("edit/u-1");
  }

  @Test
  void givenARetriedUndo_itAppendsNothingAndAnswersWhatTheFirstDid() {
    List<KeyedEvent> stream = new ArrayList<>();
    StoryAppends.Plan<StoryWrites.CommittedEdit> commit =
        StoryAppends.commit(stream, new CommitEdit(S, "u-1", TITLE, "a"));
    stream.addAll(commit.append());
    UndoEdit undo = new UndoEdit(S, "u-1", commit.result().before(), commit.result().after());
    StoryAppends.Plan<StoryWrites.UndoneEdit> first = StoryAppends.undo(stream, undo);
    stream.addAll(first.append());

    StoryAppends.Plan<StoryWrites.UndoneEdit> again = StoryAppends.undo(stream, undo);

    assertThat(again.append()).isEmpty();
    assertThat(again.result()).isEqualTo(first.result());
    assertThat(first.append()).extracting(KeyedEvent::key).containsExactly("undo/u-1/TITLE");
  }

  @Test
  void givenARetriedRollback_itAppendsNothingEvenThoughTheRevisionMovedOn() {
    List<KeyedEvent> stream = new ArrayList<>();
    stream.addAll(StoryAppends.commit(stream, new CommitEdit(S, "u-1", TITLE, "a")).append());
    stream.addAll(StoryAppends.commit(stream, new CommitEdit(S, "u-2", TITLE, "b")).append());
    RollbackRequest request = new RollbackRequest(S, "r-1", 1, 2);
    StoryAppends.Plan<RollbackResult> first = StoryAppends.rollback(stream, request);
    stream.addAll(first.append());

    StoryAppends.Plan<RollbackResult> again = StoryAppends.rollback(stream, request);

    assertThat(again.append()).isEmpty();
    assertThat(again.result()).isEqualTo(first.result());
    assertThat(first.append())
        .extracting(KeyedEvent::key)
        .containsExactly("rollback/r-1/TITLE", "rollback/r-1/marker");
  }
}
