package dev.amends.app.story;

import dev.amends.spring.api.ApiException;
import java.util.List;
import java.util.UUID;
import org.springframework.dao.DataAccessException;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;

/** Edits, rollbacks and reads of stories, for the REST API. */
@Service
public class Stories {
  private final StoryWriters writers;
  private final StoryEventStore store;
  private final IssuedUndos issued;
  private final StoryAuthors authors;

  public Stories(
      StoryWriters writers, StoryEventStore store, IssuedUndos issued, StoryAuthors authors) {
    this.writers = writers;
    this.store = store;
    this.issued = issued;
    this.authors = authors;
  }

  /**
   * Holds the edit in the story's writer and records its undo id. Should the record fail, the edit
   * is discarded again before the caller hears of it: an edit nobody can undo is refused. {@code
   * by} is who asked for it.
   */
  public EditReceipt edit(String storyId, StoryField field, String value, String by) {
    EditRequest request = new EditRequest(storyId, UUID.randomUUID().toString(), field, value);
    EditReceipt receipt = writers.edit(request);
    try {
      issued.record(receipt);
      authors.record(storyId, StoryAuthors.editKey(request.undoId()), by);
    } catch (DataAccessException e) {
      writers.undo(new UndoRequest(storyId, request.undoId()));
      throw new ApiException(
          HttpStatus.SERVICE_UNAVAILABLE,
          "Edit not taken",
          "the edit's undo id could not be recorded, so the edit was discarded; post it again");
    }
    return receipt;
  }

  /** Rolls back to {@code target}; {@code by}, who asked, is recorded before the writer acts. */
  public RollbackResult rollback(
      String storyId, String requestId, long target, long expected, String by) {
    requireStory(storyId);
    authors.record(storyId, StoryAuthors.rollbackKey(requestId), by);
    return writers.rollback(new RollbackRequest(storyId, requestId, target, expected));
  }

  /** The committed state: held edits are not part of it until their window ends. */
  public Story current(String storyId) {
    Story story = store.current(storyId);
    if (story.revision() == 0) {
      throw unknown(storyId);
    }
    return story;
  }

  public List<RecordedStoryEvent> history(String storyId) {
    List<RecordedStoryEvent> history = store.history(storyId);
    if (history.isEmpty()) {
      throw unknown(storyId);
    }
    return history;
  }

  private void requireStory(String storyId) {
    if (store.current(storyId).revision() == 0) {
      throw unknown(storyId);
    }
  }

  private static ApiException unknown(String storyId) {
    return ApiException.notFound("story " + storyId + " has no committed event");
  }
}
