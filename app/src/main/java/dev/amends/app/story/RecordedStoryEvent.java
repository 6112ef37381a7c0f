package dev.amends.app.story;

import java.time.Instant;

/** A story event as stored: the event, the write that appended it, and when. */
public record RecordedStoryEvent(StoryEvent event, String idempotencyKey, Instant recordedAt) {}
