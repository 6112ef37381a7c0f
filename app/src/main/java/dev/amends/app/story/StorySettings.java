package dev.amends.app.story;

import java.time.Duration;

/**
 * How a story's writer holds and undoes edits. Workflow code reads no configuration, so these
 * travel in the workflow input and stay fixed for the run (and the runs it continues as).
 *
 * @param window how long an edit is held before it commits; undo inside it discards the edit
 * @param ttl how long after its commit an edit can still be undone by a compensating change
 * @param depth how many of a story's newest edits can be undone; an older one drops out
 * @param historyLimit history events after which the workflow continues as new
 */
public record StorySettings(Duration window, Duration ttl, int depth, int historyLimit) {

  public static final StorySettings DEFAULTS =
      new StorySettings(Duration.ofSeconds(10), Duration.ofMinutes(5), 1, 2000);

  public StorySettings {
    if (window == null || window.isNegative() || window.isZero()) {
      throw new IllegalArgumentException("window must be positive");
    }
    if (ttl == null || ttl.isNegative()) {
      throw new IllegalArgumentException("ttl must not be negative");
    }
    if (depth < 1) {
      throw new IllegalArgumentException("depth must be at least 1");
    }
    if (historyLimit < 100) {
      throw new IllegalArgumentException("historyLimit must be at least 100");
    }
  }

  public static StorySettings orDefaults(StorySettings settings) {
    return settings == null ? DEFAULTS : settings;
  }
}
