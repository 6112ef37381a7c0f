package dev.amends.app.story;

import dev.amends.app.story.StoryWrites.CommitEdit;
import dev.amends.app.story.StoryWrites.CommittedEdit;
import dev.amends.app.story.StoryWrites.UndoEdit;
import dev.amends.app.story.StoryWrites.UndoneEdit;
import io.temporal.failure.ApplicationFailure;
import java.util.function.Supplier;
import org.springframework.dao.DataAccessException;
import org.springframework.stereotype.Component;

/** Thin adapter: each write is decided by {@link StoryAppends} and appended by the event store. */
@Component
public class StoryActivitiesImpl implements StoryActivities {
  private final StoryEventStore store;

  public StoryActivitiesImpl(StoryEventStore store) {
    this.store = store;
  }

  @Override
  public CommittedEdit commitEdit(CommitEdit request) {
    return storing(() -> store.write(request.storyId(), s -> StoryAppends.commit(s, request)));
  }

  @Override
  public UndoneEdit undoEdit(UndoEdit request) {
    return storing(() -> store.write(request.storyId(), s -> StoryAppends.undo(s, request)));
  }

  @Override
  public RollbackResult rollback(RollbackRequest request) {
    return storing(() -> store.write(request.storyId(), s -> StoryAppends.rollback(s, request)));
  }

  /** A database failure is retryable: the retry finds its own events by their keys. */
  private static <R> R storing(Supplier<R> write) {
    try {
      return write.get();
    } catch (DataAccessException e) {
      throw ApplicationFailure.newFailureWithCause(
          "story event store: " + e.getMostSpecificCause().getMessage(),
          StoryFailure.STORE_UNAVAILABLE.name(),
          e);
    }
  }
}
