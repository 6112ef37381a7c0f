package dev.amends.app.story;

import java.util.List;

/**
 * The answer to an undo. A repeated undo of the same id gets the first answer again.
 *
 * @param restored fields put back to their value before the edit
 * @param kept fields the edit changed that another editor changed since, left as they are
 * @param revision the story's revision after the undo (0 for an edit that never committed)
 */
public record UndoAnswer(
    String undoId,
    UndoStatus status,
    List<StoryField> restored,
    List<StoryField> kept,
    long revision,
    long undoableUntilMillis) {

  public UndoAnswer {
    restored = restored == null ? List.of() : List.copyOf(restored);
    kept = kept == null ? List.of() : List.copyOf(kept);
  }

  static UndoAnswer of(EditTicket ticket, UndoStatus status) {
    return new UndoAnswer(
        ticket.undoId(), status, List.of(), List.of(), 0, ticket.undoableUntilMillis());
  }

  static UndoAnswer unknown(String undoId) {
    return new UndoAnswer(undoId, UndoStatus.UNKNOWN, List.of(), List.of(), 0, 0);
  }
}
