package dev.amends.app.story;

import dev.amends.app.story.IssuedUndos.Asked;
import dev.amends.app.story.StoryAuthors.Author;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A story as the console shows it: its fields, each event with its cause (the write that appended
 * it, who asked for it, when), and the edits an undo may still reach. Which edits are offered an
 * undo is a hint from the stored ids; the undo itself is decided by the story's writer, as on the
 * API.
 */
record StoryPage(
    String storyId,
    long revision,
    Map<StoryField, String> fields,
    List<Row> events,
    List<Held> held) {

  /**
   * One event.
   *
   * @param cause the kind of write: an edit, an undo of an edit, a rollback
   * @param writeId the edit's undo id or the rollback's request id
   * @param by who asked for the write; null when not recorded
   * @param undoId the edit's undo id while an undo may still reach it, else null
   */
  record Row(
      long revision,
      StoryEvent.Kind kind,
      StoryField field,
      String value,
      String cause,
      String writeId,
      String by,
      Instant at,
      String undoId) {}

  /**
   * An edit held in its undo window: not in the history until it commits.
   *
   * @param undoable whether an undo may still reach it (false once newer edits pushed it out)
   */
  record Held(
      String undoId,
      StoryField field,
      Instant postedAt,
      Instant commitsAt,
      String by,
      boolean undoable) {}

  static StoryPage of(
      String storyId,
      List<RecordedStoryEvent> history,
      List<Asked> asked,
      Map<String, Author> authors,
      int depth,
      Instant now) {
    List<String> undoable = undoable(asked, depth, now);
    List<Row> rows = new ArrayList<>();
    for (RecordedStoryEvent e : history) {
      String key = e.idempotencyKey();
      String kind = key.substring(0, Math.max(0, key.indexOf('/')));
      String rest = key.substring(key.indexOf('/') + 1);
      // edit/<undoId>; undo/<undoId>/<field>; rollback/<requestId>/<field or marker>
      String writeId =
          kind.equals("edit") ? rest : rest.substring(0, Math.max(0, rest.lastIndexOf('/')));
      String cause =
          switch (kind) {
            case "edit" -> "edit";
            case "undo" -> "undo of edit";
            case "rollback" -> "rollback";
            default -> key;
          };
      Author author = authors.get(kind + "/" + writeId);
      boolean offered = kind.equals("edit") && undoable.contains(writeId);
      rows.add(
          new Row(
              e.event().revision(),
              e.event().kind(),
              e.event().field(),
              e.event().value(),
              cause,
              writeId,
              author == null ? null : author.name(),
              e.recordedAt(),
              offered ? writeId : null));
    }
    List<Held> held = new ArrayList<>();
    for (Asked a : asked) {
      IssuedUndos.Issued i = a.issued();
      if (a.answer() == null && now.isBefore(i.commitsAt())) {
        Author author = authors.get(StoryAuthors.editKey(i.undoId()));
        held.add(
            new Held(
                i.undoId(),
                i.field(),
                i.postedAt(),
                i.commitsAt(),
                author == null ? null : author.name(),
                undoable.contains(i.undoId())));
      }
    }
    Story current =
        Story.fold(
            storyId, history.stream().map(RecordedStoryEvent::event).toList(), Long.MAX_VALUE);
    return new StoryPage(storyId, current.revision(), current.fields(), rows, held);
  }

  /**
   * The undo ids an undo may still reach: not asked about yet, within their TTL, and among the
   * newest {@code depth} edits (a newer edit pushes the oldest out of the undo stack).
   */
  private static List<String> undoable(List<Asked> asked, int depth, Instant now) {
    List<String> ids = new ArrayList<>();
    for (int i = Math.max(0, asked.size() - depth); i < asked.size(); i++) {
      Asked a = asked.get(i);
      if (a.answer() == null && now.isBefore(a.issued().undoableUntil())) {
        ids.add(a.issued().undoId());
      }
    }
    return ids;
  }
}
