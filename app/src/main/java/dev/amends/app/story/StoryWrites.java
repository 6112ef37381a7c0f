package dev.amends.app.story;

import java.util.List;

/** The arguments and results of the story's writes to its event store. */
public final class StoryWrites {
  private StoryWrites() {}

  /** Append a held edit when its window ends. Idempotent on the undo id. */
  public record CommitEdit(String storyId, String undoId, StoryField field, String value) {}

  /**
   * @param revision the edit's event
   * @param before the story just before the edit
   * @param after the story just after it
   */
  public record CommittedEdit(long revision, Story before, Story after) {}

  /** Compensate a committed edit, from its snapshots. Idempotent on the undo id. */
  public record UndoEdit(String storyId, String undoId, Story before, Story after) {}

  /**
   * @param revision the story's revision after the compensation
   */
  public record UndoneEdit(List<StoryField> restored, List<StoryField> kept, long revision) {
    public UndoneEdit {
      restored = List.copyOf(restored);
      kept = List.copyOf(kept);
    }
  }
}
