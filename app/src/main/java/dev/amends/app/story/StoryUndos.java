package dev.amends.app.story;

import dev.amends.app.story.IssuedUndos.Issued;
import dev.amends.saga.metrics.MetricNames;
import dev.amends.spring.api.ApiException;
import io.micrometer.core.instrument.Metrics;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;

/**
 * Answers POST /undo/{undoId}. The undo id names no story, so the table of issued ids finds it; the
 * first answer is kept there, so a repeated undo gets it again even after the story's writer forgot
 * the edit.
 */
@Service
public class StoryUndos {
  private final IssuedUndos issued;
  private final StoryWriters writers;
  private final StoryAuthors authors;

  public StoryUndos(IssuedUndos issued, StoryWriters writers, StoryAuthors authors) {
    this.issued = issued;
    this.writers = writers;
    this.authors = authors;
  }

  /** What a successful undo did; every other outcome is an {@link ApiException}. */
  public record Undone(
      String undoId,
      String storyId,
      UndoStatus outcome,
      List<StoryField> restored,
      List<StoryField> kept,
      boolean partial,
      long revision) {}

  /** Undoes the edit; {@code by}, who asked first, is recorded with the events the undo appends. */
  public Undone undo(String undoId, String by) {
    Issued edit =
        issued.find(undoId).orElseThrow(() -> ApiException.notFound("no undo id " + undoId));
    authors.record(edit.storyId(), StoryAuthors.undoKey(undoId), by);
    UndoAnswer answer = issued.firstAnswer(undoId).orElseGet(() -> ask(edit));
    return respond(edit, answer);
  }

  private UndoAnswer ask(Issued edit) {
    long until = edit.undoableUntil().toEpochMilli();
    UndoAnswer expired =
        new UndoAnswer(edit.undoId(), UndoStatus.EXPIRED, List.of(), List.of(), 0, until);
    if (!Instant.now().isBefore(edit.undoableUntil())) {
      return issued.keepFirst(expired);
    }
    Optional<UndoAnswer> answer = writers.undo(new UndoRequest(edit.storyId(), edit.undoId()));
    // A writer that finished, or no longer knows the id, had nothing left to undo: its TTL passed.
    UndoAnswer settled = answer.filter(a -> a.status() != UndoStatus.UNKNOWN).orElse(expired);
    return issued.keepFirst(settled);
  }

  private static Undone respond(Issued edit, UndoAnswer answer) {
    Metrics.counter(MetricNames.STORY_UNDOS, "outcome", outcomeLabel(answer.status())).increment();
    switch (answer.status()) {
      case DISCARDED, UNDONE -> {
        return new Undone(
            answer.undoId(),
            edit.storyId(),
            answer.status(),
            answer.restored(),
            answer.kept(),
            !answer.kept().isEmpty(),
            answer.revision());
      }
      case NOTHING_UNDONE ->
          throw refusal(
              HttpStatus.CONFLICT,
              "Nothing undone",
              "every field the edit changed was changed again since; nothing was overwritten",
              edit,
              answer,
              null);
      case BEYOND_UNDO_DEPTH ->
          throw refusal(
              HttpStatus.GONE,
              "Undo no longer possible",
              "newer edits of story " + edit.storyId() + " pushed this one beyond the undo depth",
              edit,
              answer,
              "beyond-undo-depth");
      default ->
          throw refusal(
              HttpStatus.GONE,
              "Undo no longer possible",
              "the undo time of this edit ended at " + edit.undoableUntil(),
              edit,
              answer,
              "expired");
    }
  }

  /** The outcome as operators read it: NOTHING_UNDONE is a conflict, anything else late. */
  private static String outcomeLabel(UndoStatus status) {
    return switch (status) {
      case DISCARDED, UNDONE, BEYOND_UNDO_DEPTH, EXPIRED -> status.name();
      case NOTHING_UNDONE -> "CONFLICT";
      default -> UndoStatus.EXPIRED.name();
    };
  }

  private static ApiException refusal(
      HttpStatus status,
      String title,
      String detail,
      Issued edit,
      UndoAnswer answer,
      String reason) {
    Map<String, Object> properties = new LinkedHashMap<>();
    properties.put("undoId", edit.undoId());
    properties.put("storyId", edit.storyId());
    if (reason != null) {
      properties.put("reason", reason);
      properties.put("undoableUntil", edit.undoableUntil().toString());
    } else {
      properties.put("restored", answer.restored());
      properties.put("kept", answer.kept());
    }
    return new ApiException(status, title, detail, null, properties);
  }
}
