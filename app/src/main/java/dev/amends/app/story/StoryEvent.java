package dev.amends.app.story;

/**
 * One entry of a Story's append-only stream. Every event sets one field; an undo of a committed
 * edit appends events of kind {@code UNDO}, a rollback appends events of kind {@code ROLLBACK} plus
 * one {@code ROLLBACK_MARKER} naming the range it undid — history is never rewritten.
 *
 * @param revision 1 for the first event, then one more per event
 * @param field null for a marker
 * @param value the field's new value; for a marker, the range rolled back (e.g. "7..12 -> 6")
 */
public record StoryEvent(String storyId, long revision, Kind kind, StoryField field, String value) {

  public enum Kind {
    EDIT,
    ROLLBACK,
    ROLLBACK_MARKER,
    /** Restores a field a committed edit changed, because its editor asked within the TTL. */
    UNDO
  }
}
