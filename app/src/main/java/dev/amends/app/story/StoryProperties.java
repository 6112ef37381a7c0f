package dev.amends.app.story;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The undo window and story rollback settings. A story's writer takes them when it starts and keeps
 * them until it completes, so a change reaches each story from its next writer on.
 *
 * @param window how long an edit is held before it commits
 * @param ttl how long after its commit an edit can still be undone
 * @param depth how many of a story's newest edits can be undone
 * @param historyLimit history events after which a story's writer continues as new
 */
@ConfigurationProperties("amends.story")
public record StoryProperties(
    @DefaultValue("10s") Duration window,
    @DefaultValue("5m") Duration ttl,
    @DefaultValue("1") int depth,
    @DefaultValue("2000") int historyLimit) {

  public StoryProperties {
    // Refuse a bad setting when the application starts, not on the first edit.
    new StorySettings(window, ttl, depth, historyLimit);
  }

  public StorySettings settings() {
    return new StorySettings(window, ttl, depth, historyLimit);
  }
}
