package dev.amends.app.story;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Who asked for each story write (table story_author): an event's idempotency key names its write,
 * this names the person. Kept beside the events, not in them, so the writer workflow and its
 * commands stay as they are.
 */
@Repository
public class StoryAuthors {
  /** The column's width; a longer name (from an identity provider) is cut, never refused. */
  static final int NAME_LENGTH = 200;

  private final JdbcClient jdbc;

  public StoryAuthors(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /** Who asked, and when. */
  public record Author(String name, Instant at) {}

  public static String editKey(String undoId) {
    return "edit/" + undoId;
  }

  public static String undoKey(String undoId) {
    return "undo/" + undoId;
  }

  public static String rollbackKey(String requestId) {
    return "rollback/" + requestId;
  }

  /** Records the asker of a write unless one is recorded already: the first asker counts. */
  public void record(String storyId, String writeKey, String name) {
    String who = name == null ? "unknown" : name;
    try {
      jdbc.sql(
              """
              INSERT INTO story_author (story_id, write_key, asked_by, asked_at)
              VALUES (:story, :key, :by, :at)
              """)
          .param("story", storyId)
          .param("key", writeKey)
          .param("by", who.length() > NAME_LENGTH ? who.substring(0, NAME_LENGTH) : who)
          .param("at", Timestamp.from(Instant.now()))
          .update();
    } catch (DuplicateKeyException askedBefore) {
      // The same write asked for again (a retry, a repeated rollback): the first asker stays.
    }
  }

  /** Every write's asker for one story, by write key. */
  public Map<String, Author> of(String storyId) {
    Map<String, Author> authors = new LinkedHashMap<>();
    jdbc.sql("SELECT write_key, asked_by, asked_at FROM story_author WHERE story_id = :story")
        .param("story", storyId)
        .query(
            rs -> {
              authors.put(
                  rs.getString(1), new Author(rs.getString(2), rs.getTimestamp(3).toInstant()));
            });
    return authors;
  }
}
