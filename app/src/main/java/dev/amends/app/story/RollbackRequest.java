package dev.amends.app.story;

/**
 * Roll the story back to {@code targetRevision}, provided it is still at {@code expectedRevision}
 * (the revision the caller last saw).
 *
 * @param requestId names the rollback's events, so a retry never appends them twice
 */
public record RollbackRequest(
    String storyId, String requestId, long targetRevision, long expectedRevision) {}
