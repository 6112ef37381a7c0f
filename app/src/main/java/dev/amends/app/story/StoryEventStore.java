package dev.amends.app.story;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.function.Function;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Stories' append-only event streams (table story_event). Reads a stream, and appends what a {@link
 * StoryAppends} plan decided from it, in one transaction: the decision and its events commit
 * together or not at all. The database refuses any UPDATE or DELETE of an event.
 */
@Repository
public class StoryEventStore {
  private final JdbcClient jdbc;
  private final TransactionTemplate transaction;

  public StoryEventStore(JdbcClient jdbc, PlatformTransactionManager transactions) {
    this.jdbc = jdbc;
    this.transaction = new TransactionTemplate(transactions);
  }

  /**
   * Decides a write from the story's stream and appends its events. A concurrent append to the same
   * revision fails on the primary key, and the caller's retry then finds its own events.
   */
  public <R> R write(String storyId, Function<List<KeyedEvent>, StoryAppends.Plan<R>> decide) {
    return transaction.execute(
        status -> {
          StoryAppends.Plan<R> plan = decide.apply(stream(storyId));
          Timestamp now = Timestamp.from(Instant.now());
          for (KeyedEvent appended : plan.append()) {
            insert(appended, now);
          }
          return plan.result();
        });
  }

  public List<KeyedEvent> stream(String storyId) {
    return history(storyId).stream()
        .map(e -> new KeyedEvent(e.event(), e.idempotencyKey()))
        .toList();
  }

  public List<RecordedStoryEvent> history(String storyId) {
    return jdbc.sql("SELECT * FROM story_event WHERE story_id = :story ORDER BY revision")
        .param("story", storyId)
        .query(StoryEventStore::fromRow)
        .list();
  }

  /** The ids of the stories changed last, newest first: what the console offers to open. */
  public List<String> recentlyChanged(int limit) {
    return jdbc.sql(
            """
            SELECT story_id FROM story_event GROUP BY story_id
            ORDER BY MAX(recorded_at) DESC, story_id LIMIT :limit
            """)
        .param("limit", limit)
        .query(String.class)
        .list();
  }

  public Story current(String storyId) {
    return Story.fold(
        storyId, history(storyId).stream().map(RecordedStoryEvent::event).toList(), Long.MAX_VALUE);
  }

  private void insert(KeyedEvent appended, Timestamp now) {
    StoryEvent e = appended.event();
    jdbc.sql(
            """
            INSERT INTO story_event (story_id, revision, kind, field, new_value, idempotency_key,
              recorded_at)
            VALUES (:story, :revision, :kind, :field, :value, :key, :now)
            """)
        .param("story", e.storyId())
        .param("revision", e.revision())
        .param("kind", e.kind().name())
        .param("field", e.field() == null ? null : e.field().name())
        .param("value", e.value())
        .param("key", appended.key())
        .param("now", now)
        .update();
  }

  private static RecordedStoryEvent fromRow(ResultSet rs, int row) throws SQLException {
    String field = rs.getString("field");
    return new RecordedStoryEvent(
        new StoryEvent(
            rs.getString("story_id"),
            rs.getLong("revision"),
            StoryEvent.Kind.valueOf(rs.getString("kind")),
            field == null ? null : StoryField.valueOf(field),
            rs.getString("new_value")),
        rs.getString("idempotency_key"),
        rs.getTimestamp("recorded_at").toInstant());
  }
}
