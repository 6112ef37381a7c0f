package dev.amends.app.story;

/**
 * One field change posted by an editor (autosave).
 *
 * @param undoId chosen by the caller, unique: it names the edit for its undo and makes a repeated
 *     submission of the same edit hold it once
 * @param value the field's new value; null clears the field; bounded by {@code
 *     TextRules.checkStoryValue}
 */
public record EditRequest(String storyId, String undoId, StoryField field, String value) {}
