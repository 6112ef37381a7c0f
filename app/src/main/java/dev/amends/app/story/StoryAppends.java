package dev.amends.app.story;

import dev.amends.app.story.StoryWrites.CommitEdit;
import dev.amends.app.story.StoryWrites.CommittedEdit;
import dev.amends.app.story.StoryWrites.UndoEdit;
import dev.amends.app.story.StoryWrites.UndoneEdit;
import io.temporal.failure.ApplicationFailure;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * What each of the story's writes appends to its stream, decided from the stream as stored: the
 * events with their idempotency keys, and the write's result. A write whose keys are in the stream
 * already appends nothing and answers what it did the first time. Pure, so the event store and any
 * fake of it decide alike; the store only loads, appends and keeps it atomic.
 */
public final class StoryAppends {
  private StoryAppends() {}

  /** The events to append (possibly none) and the write's answer. */
  public record Plan<R>(List<KeyedEvent> append, R result) {
    public Plan {
      append = List.copyOf(append);
    }
  }

  public static String editKey(String undoId) {
    return "edit/" + undoId;
  }

  public static String undoKey(String undoId, StoryField field) {
    return "undo/" + undoId + "/" + field;
  }

  public static String rollbackKey(String requestId, StoryEvent event) {
    return "rollback/" + requestId + "/" + (event.field() == null ? "marker" : event.field());
  }

  public static Plan<CommittedEdit> commit(List<KeyedEvent> stream, CommitEdit edit) {
    List<StoryEvent> events = events(stream);
    String key = editKey(edit.undoId());
    for (KeyedEvent stored : stream) {
      if (stored.key().equals(key)) {
        long revision = stored.event().revision();
        return new Plan<>(
            List.of(),
            new CommittedEdit(
                revision,
                Story.fold(edit.storyId(), events, revision - 1),
                Story.fold(edit.storyId(), events, revision)));
      }
    }
    StoryEvent event =
        new StoryEvent(
            edit.storyId(), last(stream) + 1, StoryEvent.Kind.EDIT, edit.field(), edit.value());
    List<StoryEvent> after = new ArrayList<>(events);
    after.add(event);
    return new Plan<>(
        List.of(new KeyedEvent(event, key)),
        new CommittedEdit(
            event.revision(),
            Story.fold(edit.storyId(), events, Long.MAX_VALUE),
            Story.fold(edit.storyId(), after, Long.MAX_VALUE)));
  }

  public static Plan<UndoneEdit> undo(List<KeyedEvent> stream, UndoEdit undo) {
    List<StoryField> changed = new ArrayList<>();
    for (StoryField field : StoryField.values()) {
      if (!Objects.equals(undo.before().get(field), undo.after().get(field))) {
        changed.add(field);
      }
    }
    List<StoryEvent> earlier =
        stream.stream()
            .filter(e -> changed.stream().anyMatch(f -> e.key().equals(undoKey(undo.undoId(), f))))
            .map(KeyedEvent::event)
            .toList();
    if (!earlier.isEmpty()) {
      List<StoryField> restored = earlier.stream().map(StoryEvent::field).toList();
      List<StoryField> kept = changed.stream().filter(f -> !restored.contains(f)).toList();
      return new Plan<>(
          List.of(), new UndoneEdit(restored, kept, earlier.get(earlier.size() - 1).revision()));
    }
    Story current = Story.fold(undo.storyId(), events(stream), Long.MAX_VALUE);
    StoryUndo.Compensation compensation = StoryUndo.of(undo.before(), undo.after(), current);
    List<KeyedEvent> append =
        compensation.events().stream()
            .map(e -> new KeyedEvent(e, undoKey(undo.undoId(), e.field())))
            .toList();
    long revision =
        append.isEmpty() ? current.revision() : append.get(append.size() - 1).event().revision();
    return new Plan<>(
        append, new UndoneEdit(compensation.restored(), compensation.kept(), revision));
  }

  public static Plan<RollbackResult> rollback(List<KeyedEvent> stream, RollbackRequest request) {
    String prefix = "rollback/" + request.requestId() + "/";
    List<StoryEvent> earlier =
        stream.stream().filter(e -> e.key().startsWith(prefix)).map(KeyedEvent::event).toList();
    if (!earlier.isEmpty()) {
      return new Plan<>(List.of(), result(request, earlier));
    }
    if (stream.isEmpty()) {
      throw refuse(StoryFailure.STORY_NOT_FOUND, "story " + request.storyId() + " has no event", 0);
    }
    long current = last(stream);
    if (request.targetRevision() < 0 || request.targetRevision() > current) {
      throw refuse(
          StoryFailure.TARGET_OUT_OF_RANGE,
          "targetRevision "
              + request.targetRevision()
              + " is not in the story's history (0.."
              + current
              + ")",
          current);
    }
    if (request.expectedRevision() != current) {
      throw refuse(
          StoryFailure.STALE_REVISION,
          "expectedRevision "
              + request.expectedRevision()
              + " is stale: the story is at revision "
              + current,
          current);
    }
    List<StoryEvent> appended =
        StoryRollback.toRevision(request.storyId(), events(stream), request.targetRevision());
    return new Plan<>(
        appended.stream().map(e -> new KeyedEvent(e, rollbackKey(request.requestId(), e))).toList(),
        result(request, appended));
  }

  private static RollbackResult result(RollbackRequest request, List<StoryEvent> appended) {
    return new RollbackResult(
        request.storyId(),
        request.requestId(),
        appended.get(0).revision() - 1,
        request.targetRevision(),
        appended.get(appended.size() - 1).revision(),
        appended,
        List.of());
  }

  private static List<StoryEvent> events(List<KeyedEvent> stream) {
    return stream.stream().map(KeyedEvent::event).toList();
  }

  private static long last(List<KeyedEvent> stream) {
    return stream.isEmpty() ? 0 : stream.get(stream.size() - 1).event().revision();
  }

  /** A refusal the caller must see, never retried; the current revision travels as its detail. */
  private static ApplicationFailure refuse(
      StoryFailure type, String message, long currentRevision) {
    return ApplicationFailure.newNonRetryableFailure(message, type.name(), currentRevision);
  }
}
