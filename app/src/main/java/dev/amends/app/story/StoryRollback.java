package dev.amends.app.story;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Rolls a Story back to an earlier revision by appending, never by deleting: one compensating event
 * per field whose value differs between the target state and the current one, then a marker naming
 * the range rolled back. Pure: the same history and target give the same events.
 */
public final class StoryRollback {
  private StoryRollback() {}

  /**
   * The events to append to {@code history} so that its state equals the state at {@code target}.
   * Refuses a target outside the history; an already-equal state needs no field event, only the
   * marker.
   */
  public static List<StoryEvent> toRevision(String storyId, List<StoryEvent> history, long target) {
    long current = history.isEmpty() ? 0 : history.get(history.size() - 1).revision();
    if (target < 0 || target > current) {
      throw new IllegalArgumentException(
          "revision " + target + " is not in the story's history (0.." + current + ")");
    }
    Story wanted = Story.fold(storyId, history, target);
    Story now = Story.fold(storyId, history, Long.MAX_VALUE);
    List<StoryEvent> appended = new ArrayList<>();
    long next = current;
    for (StoryField field : StoryField.values()) {
      if (!Objects.equals(wanted.get(field), now.get(field))) {
        appended.add(
            new StoryEvent(storyId, ++next, StoryEvent.Kind.ROLLBACK, field, wanted.get(field)));
      }
    }
    appended.add(
        new StoryEvent(
            storyId,
            ++next,
            StoryEvent.Kind.ROLLBACK_MARKER,
            null,
            (target + 1) + ".." + current + " -> " + target));
    return appended;
  }
}
