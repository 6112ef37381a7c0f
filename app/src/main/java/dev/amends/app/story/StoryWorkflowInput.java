package dev.amends.app.story;

import java.util.List;

/**
 * The story writer's one argument: which story, its settings, and — when it continues as new — the
 * edits it still answers for.
 */
public record StoryWorkflowInput(String storyId, StorySettings settings, List<EditTicket> tickets) {

  public StoryWorkflowInput {
    tickets = tickets == null ? List.of() : List.copyOf(tickets);
  }

  public static StoryWorkflowInput start(String storyId, StorySettings settings) {
    return new StoryWorkflowInput(storyId, settings, List.of());
  }
}
