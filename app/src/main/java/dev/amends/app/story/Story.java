package dev.amends.app.story;

import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/** A Story's state at some revision: the fold of its events up to there. */
public record Story(String storyId, long revision, Map<StoryField, String> fields) {

  public Story {
    EnumMap<StoryField, String> copy = new EnumMap<>(StoryField.class);
    copy.putAll(fields);
    fields = Collections.unmodifiableMap(copy);
  }

  public static Story empty(String storyId) {
    return new Story(storyId, 0, new EnumMap<>(StoryField.class));
  }

  /** Folds the events with revisions up to {@code revision} (all of them for Long.MAX_VALUE). */
  public static Story fold(String storyId, List<StoryEvent> events, long revision) {
    Map<StoryField, String> fields = new EnumMap<>(StoryField.class);
    long reached = 0;
    for (StoryEvent event : events) {
      if (event.revision() > revision) {
        break;
      }
      if (event.field() != null) {
        if (event.value() == null) {
          fields.remove(event.field());
        } else {
          fields.put(event.field(), event.value());
        }
      }
      reached = event.revision();
    }
    return new Story(storyId, reached, fields);
  }

  public String get(StoryField field) {
    return fields.get(field);
  }
}
