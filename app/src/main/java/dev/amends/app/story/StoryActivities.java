package dev.amends.app.story;

import dev.amends.app.story.StoryWrites.CommitEdit;
import dev.amends.app.story.StoryWrites.CommittedEdit;
import dev.amends.app.story.StoryWrites.UndoEdit;
import dev.amends.app.story.StoryWrites.UndoneEdit;
import io.temporal.activity.ActivityInterface;

/**
 * The story's writes to its append-only event store. Only the story's workflow calls them, one at a
 * time, so appends never race; each event carries an idempotency key, so a retried call appends
 * nothing twice and returns what the first call did. Refusals are non-retryable failures typed by
 * {@link StoryFailure}.
 */
@ActivityInterface
public interface StoryActivities {

  /**
   * RML-2 from here on: appends the held edit as an {@code EDIT} event (key {@code edit/<undoId>})
   * and returns the story just before and just after it.
   */
  CommittedEdit commitEdit(CommitEdit request);

  /**
   * Appends one {@code UNDO} event (key {@code undo/<undoId>/<field>}) per field the edit changed
   * that still holds the edit's value, all in one transaction; fields changed since are kept.
   */
  UndoneEdit undoEdit(UndoEdit request);

  /**
   * Rebuilds the story at the target, compares it with the current state and appends one {@code
   * ROLLBACK} event per differing field plus the marker (keys {@code rollback/<requestId>/...}).
   * Refuses a stale expected revision ({@code STALE_REVISION}), a target outside 0..current ({@code
   * TARGET_OUT_OF_RANGE}) and a story with no event ({@code STORY_NOT_FOUND}).
   */
  RollbackResult rollback(RollbackRequest request);
}
