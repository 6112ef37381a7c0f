package dev.amends.app.story;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The undo ids the API handed out (table story_undo) and the first answer to each (table
 * story_undo_answer). An undo request names no story, and the story's writer forgets an edit once
 * its TTL has passed: this is what still tells such an id (410) from one never issued (404).
 */
@Repository
public class IssuedUndos {
  private final JdbcClient jdbc;

  public IssuedUndos(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  public record Issued(
      String undoId,
      String storyId,
      StoryField field,
      Instant postedAt,
      Instant commitsAt,
      Instant undoableUntil) {}

  public void record(EditReceipt receipt) {
    jdbc.sql(
            """
            INSERT INTO story_undo (undo_id, story_id, field, posted_at, commits_at, undoable_until)
            VALUES (:undo, :story, :field, :posted, :commits, :until)
            """)
        .param("undo", receipt.undoId())
        .param("story", receipt.storyId())
        .param("field", receipt.field().name())
        .param("posted", timestamp(receipt.postedAtMillis()))
        .param("commits", timestamp(receipt.commitsAtMillis()))
        .param("until", timestamp(receipt.undoableUntilMillis()))
        .update();
  }

  public Optional<Issued> find(String undoId) {
    return jdbc.sql("SELECT * FROM story_undo WHERE undo_id = :undo")
        .param("undo", undoId)
        .query(IssuedUndos::issued)
        .optional();
  }

  /** One story's issued undo ids, oldest first, each with the status of its first answer. */
  public List<Asked> forStory(String storyId) {
    return jdbc.sql(
            """
            SELECT u.*, a.status FROM story_undo u
              LEFT JOIN story_undo_answer a ON a.undo_id = u.undo_id
            WHERE u.story_id = :story ORDER BY u.posted_at, u.undo_id
            """)
        .param("story", storyId)
        .query(
            (rs, row) -> {
              String status = rs.getString("status");
              return new Asked(issued(rs, row), status == null ? null : UndoStatus.valueOf(status));
            })
        .list();
  }

  /**
   * An issued undo id and what its first undo answered.
   *
   * @param answer null while nobody has asked to undo it
   */
  public record Asked(Issued issued, UndoStatus answer) {}

  public Optional<UndoAnswer> firstAnswer(String undoId) {
    return jdbc.sql(
            """
            SELECT a.*, u.undoable_until FROM story_undo_answer a
              JOIN story_undo u ON u.undo_id = a.undo_id
            WHERE a.undo_id = :undo
            """)
        .param("undo", undoId)
        .query(IssuedUndos::answer)
        .optional();
  }

  /** Keeps the answer unless one was kept before; returns the one that counts: the first. */
  public UndoAnswer keepFirst(UndoAnswer answer) {
    try {
      jdbc.sql(
              """
              INSERT INTO story_undo_answer (undo_id, status, restored, kept, revision, answered_at)
              VALUES (:undo, :status, :restored, :kept, :revision, :now)
              """)
          .param("undo", answer.undoId())
          .param("status", answer.status().name())
          .param("restored", join(answer.restored()))
          .param("kept", join(answer.kept()))
          .param("revision", answer.revision())
          .param("now", Timestamp.from(Instant.now()))
          .update();
      return answer;
    } catch (DuplicateKeyException answeredBefore) {
      return firstAnswer(answer.undoId()).orElseThrow();
    }
  }

  private static Issued issued(ResultSet rs, int row) throws SQLException {
    return new Issued(
        rs.getString("undo_id"),
        rs.getString("story_id"),
        StoryField.valueOf(rs.getString("field")),
        rs.getTimestamp("posted_at").toInstant(),
        rs.getTimestamp("commits_at").toInstant(),
        rs.getTimestamp("undoable_until").toInstant());
  }

  private static UndoAnswer answer(ResultSet rs, int row) throws SQLException {
    return new UndoAnswer(
        rs.getString("undo_id"),
        UndoStatus.valueOf(rs.getString("status")),
        split(rs.getString("restored")),
        split(rs.getString("kept")),
        rs.getLong("revision"),
        rs.getTimestamp("undoable_until").toInstant().toEpochMilli());
  }

  private static String join(List<StoryField> fields) {
    return fields.stream().map(Enum::name).collect(Collectors.joining(","));
  }

  private static List<StoryField> split(String fields) {
    return fields.isEmpty()
        ? List.of()
        : Arrays.stream(fields.split(",")).map(StoryField::valueOf).toList();
  }

  private static Timestamp timestamp(long epochMillis) {
    return Timestamp.from(Instant.ofEpochMilli(epochMillis));
  }
}
