package dev.amends.app.story;

import java.util.List;

/**
 * What a rollback appended: one {@code ROLLBACK} event per field that differed, then the marker.
 *
 * @param fromRevision the revision rolled back from
 * @param revision the story's revision after the rollback (the marker's)
 * @param stillHeld undo ids of edits held in their window when the rollback ran: they were posted
 *     after the state the caller saw, and still commit on top of the rolled-back story
 */
public record RollbackResult(
    String storyId,
    String requestId,
    long fromRevision,
    long targetRevision,
    long revision,
    List<StoryEvent> appended,
    List<String> stillHeld) {

  public RollbackResult {
    appended = List.copyOf(appended);
    stillHeld = stillHeld == null ? List.of() : List.copyOf(stillHeld);
  }

  RollbackResult withStillHeld(List<String> held) {
    return new RollbackResult(
        storyId, requestId, fromRevision, targetRevision, revision, appended, held);
  }
}
