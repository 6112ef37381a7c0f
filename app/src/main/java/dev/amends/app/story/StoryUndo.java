package dev.amends.app.story;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The compensating change for a committed edit (seed 002): compare the snapshot before the edit
 * with the one after, and put back each changed field that still holds the value the edit gave it.
 * A field someone changed since is kept as it is — an undo never overwrites a newer change. Pure:
 * the same snapshots give the same events.
 */
public final class StoryUndo {
  private StoryUndo() {}

  /**
   * @param events one {@code UNDO} event per restored field, numbered after {@code current}
   * @param restored the fields put back to their value before the edit
   * @param kept the fields the edit changed that someone changed again since
   */
  public record Compensation(
      List<StoryEvent> events, List<StoryField> restored, List<StoryField> kept) {
    public Compensation {
      events = List.copyOf(events);
      restored = List.copyOf(restored);
      kept = List.copyOf(kept);
    }
  }

  public static Compensation of(Story before, Story after, Story current) {
    List<StoryEvent> events = new ArrayList<>();
    List<StoryField> restored = new ArrayList<>();
    List<StoryField> kept = new ArrayList<>();
    long next = current.revision();
    for (StoryField field : StoryField.values()) {
      if (Objects.equals(before.get(field), after.get(field))) {
        continue;
      }
      if (Objects.equals(current.get(field), after.get(field))) {
        events.add(
            new StoryEvent(
                current.storyId(), ++next, StoryEvent.Kind.UNDO, field, before.get(field)));
        restored.add(field);
      } else {
        kept.add(field);
      }
    }
    return new Compensation(events, restored, kept);
  }
}
