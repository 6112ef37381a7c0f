package dev.amends.app.story;

/**
 * The answer to an edit, fixed when it is held: when it commits, and until when it can be undone.
 *
 * @param commitsAtMillis postedAt + window: until then the edit is only in the workflow (RML-1)
 * @param undoableUntilMillis commitsAt + ttl: after that an undo answers expired
 */
public record EditReceipt(
    String storyId,
    String undoId,
    StoryField field,
    long postedAtMillis,
    long commitsAtMillis,
    long undoableUntilMillis) {}
