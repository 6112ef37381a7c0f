package dev.amends.story;

/**
 * One field change posted by an editor (autosave).
 *
 * @param undoId chosen by the caller, unique: it names the edit for its undo and makes a repeated
 *     submission of the same edit hold it once
 * @param value the field's new value; null clears the field
 */
public record EditRequest(String storyId, String undoId, StoryField field, String value) {
  /** The longest value a field holds (a body of a long article). */
  public static final int MAX_VALUE_LENGTH = 20_000;
}
