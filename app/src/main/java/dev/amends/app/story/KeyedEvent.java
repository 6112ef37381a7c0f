package dev.amends.app.story;

/**
 * A stored story event with its idempotency key: the write that appended it, so a retried write
 * finds its own events instead of appending them again.
 */
public record KeyedEvent(StoryEvent event, String key) {}
