package dev.amends.app.story;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/** What the story endpoints answer, with times as ISO-8601 instants. */
final class StoryViews {
  private StoryViews() {}

  record Accepted(
      String undoId,
      String storyId,
      StoryField field,
      Instant postedAt,
      Instant commitsAt,
      Instant undoableUntil,
      String undo) {

    static Accepted of(EditReceipt r) {
      return new Accepted(
          r.undoId(),
          r.storyId(),
          r.field(),
          Instant.ofEpochMilli(r.postedAtMillis()),
          Instant.ofEpochMilli(r.commitsAtMillis()),
          Instant.ofEpochMilli(r.undoableUntilMillis()),
          "/undo/" + r.undoId());
    }
  }

  record State(String storyId, long revision, Map<StoryField, String> fields) {
    static State of(Story story) {
      return new State(story.storyId(), story.revision(), story.fields());
    }
  }

  record Event(
      long revision,
      StoryEvent.Kind kind,
      StoryField field,
      String value,
      String cause,
      Instant recordedAt) {
    static Event of(RecordedStoryEvent e) {
      return new Event(
          e.event().revision(),
          e.event().kind(),
          e.event().field(),
          e.event().value(),
          e.idempotencyKey(),
          e.recordedAt());
    }
  }

  /** An event a rollback appended; {@code cause} is its idempotency key. */
  record Appended(
      long revision, StoryEvent.Kind kind, StoryField field, String value, String cause) {
    static Appended of(String requestId, StoryEvent e) {
      return new Appended(
          e.revision(), e.kind(), e.field(), e.value(), StoryAppends.rollbackKey(requestId, e));
    }
  }

  record History(String storyId, long revision, List<Event> events) {}

  record RolledBack(
      String storyId,
      String requestId,
      long fromRevision,
      long targetRevision,
      long revision,
      List<Appended> appended,
      Appended marker,
      List<String> stillHeld) {

    static RolledBack of(RollbackResult r) {
      List<Appended> events =
          r.appended().stream().map(e -> Appended.of(r.requestId(), e)).toList();
      return new RolledBack(
          r.storyId(),
          r.requestId(),
          r.fromRevision(),
          r.targetRevision(),
          r.revision(),
          events.subList(0, events.size() - 1),
          events.get(events.size() - 1),
          r.stillHeld());
    }
  }
}
