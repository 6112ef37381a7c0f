package dev.amends.app.story;

import dev.amends.app.story.StoryWrites.CommittedEdit;

/**
 * One edit as the story's writer keeps it, from the moment it is held until its TTL has passed.
 *
 * @param value the new value, kept while the edit waits for its commit
 * @param inUndoStack false once newer edits pushed it beyond the undo depth, or once it was undone
 * @param committed the snapshots around its event, kept while it is committed and can be undone
 * @param answer the first answer to an undo of it; null while none was asked
 */
public record EditTicket(
    String undoId,
    StoryField field,
    String value,
    long postedAtMillis,
    long commitsAtMillis,
    long undoableUntilMillis,
    Stage stage,
    boolean inUndoStack,
    CommittedEdit committed,
    UndoAnswer answer) {

  public enum Stage {
    /** In the workflow only (RML-1): nobody outside has seen it. */
    HELD,
    /** Its window ended and its event is being appended. */
    COMMITTING,
    /** In the event store: others may have seen it (RML-2). */
    COMMITTED,
    /** Undone inside its window: it never left the workflow. */
    DISCARDED
  }

  static EditTicket held(EditRequest request, long now, StorySettings settings) {
    long commitsAt = now + settings.window().toMillis();
    return new EditTicket(
        request.undoId(),
        request.field(),
        request.value(),
        now,
        commitsAt,
        commitsAt + settings.ttl().toMillis(),
        Stage.HELD,
        true,
        null,
        null);
  }

  EditReceipt receipt(String storyId) {
    return new EditReceipt(
        storyId, undoId, field, postedAtMillis, commitsAtMillis, undoableUntilMillis);
  }

  /** Whether it still waits for, or is in, its commit. */
  boolean uncommitted() {
    return stage == Stage.HELD || stage == Stage.COMMITTING;
  }

  // A writer may answer for many edits within a TTL (autosave), and its state travels in its
  // history and into the next run: a ticket keeps its value only until the store has it, and its
  // snapshots only while an undo may still need them.

  EditTicket committing() {
    return with(Stage.COMMITTING, value, inUndoStack, committed, answer);
  }

  EditTicket committedAs(CommittedEdit edit) {
    return with(Stage.COMMITTED, null, inUndoStack, inUndoStack ? edit : null, answer);
  }

  EditTicket discarded(UndoAnswer first) {
    return with(Stage.DISCARDED, null, false, null, first);
  }

  EditTicket answered(UndoAnswer first) {
    return with(stage, uncommitted() ? value : null, false, null, first);
  }

  EditTicket outOfUndoStack() {
    return with(stage, uncommitted() ? value : null, false, null, answer);
  }

  private EditTicket with(
      Stage newStage,
      String newValue,
      boolean stacked,
      CommittedEdit newCommitted,
      UndoAnswer newAnswer) {
    return new EditTicket(
        undoId,
        field,
        newValue,
        postedAtMillis,
        commitsAtMillis,
        undoableUntilMillis,
        newStage,
        stacked,
        newCommitted,
        newAnswer);
  }
}
