package dev.amends.escalation;

import dev.amends.saga.Escalation;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

/**
 * Escalations as operators list them, across sagas. Written only by the escalation activities, so
 * every write is idempotent: an activity retry must not duplicate a row or an alert.
 */
@Repository
public class EscalationStore {
  private final JdbcClient jdbc;

  public EscalationStore(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  @Transactional
  public void open(Escalation e, String alertMessage) {
    try {
      jdbc.sql(
              """
              INSERT INTO escalation (saga_id, escalation_id, saga_name, step, world, undo_name,
                error, attempts, runbook, opened_at, alerts_sent, last_alert_at)
              VALUES (:saga, :id, :name, :step, :world, :undo, :error, :attempts, :runbook,
                :opened, :alerts, :opened)
              """)
          .param("saga", e.sagaId())
          .param("id", e.id())
          .param("name", e.sagaName())
          .param("step", e.step())
          .param("world", e.world().level())
          .param("undo", e.undo())
          .param("error", truncate(e.error()))
          .param("attempts", e.attempts())
          .param("runbook", e.runbook())
          .param("opened", Timestamp.from(Instant.ofEpochMilli(e.openedAtMillis())))
          .param("alerts", e.alertsSent())
          .update();
    } catch (DuplicateKeyException alreadyOpened) {
      // A retried activity: the escalation is recorded already.
    }
    recordAlert(e, alertMessage);
  }

  @Transactional
  public void realert(Escalation e, String alertMessage) {
    jdbc.sql(
            """
            UPDATE escalation SET alerts_sent = :alerts, last_alert_at = :now
            WHERE saga_id = :saga AND escalation_id = :id AND alerts_sent < :alerts
            """)
        .param("alerts", e.alertsSent())
        .param("now", Timestamp.from(Instant.now()))
        .param("saga", e.sagaId())
        .param("id", e.id())
        .update();
    recordAlert(e, alertMessage);
  }

  public void close(Escalation e) {
    jdbc.sql(
            """
            UPDATE escalation SET decision_action = :action, decision_operator = :operator,
              decision_note = :note, closed_at = :closed
            WHERE saga_id = :saga AND escalation_id = :id AND closed_at IS NULL
            """)
        .param("action", e.decision().action().name())
        .param("operator", e.decision().operator())
        .param("note", truncate(e.decision().note()))
        .param("closed", Timestamp.from(Instant.ofEpochMilli(e.decision().decidedAtMillis())))
        .param("saga", e.sagaId())
        .param("id", e.id())
        .update();
  }

  public List<EscalationRecord> list(boolean openOnly) {
    String where = openOnly ? "WHERE closed_at IS NULL " : "";
    return jdbc.sql(
            "SELECT * FROM escalation " + where + "ORDER BY opened_at, saga_id, escalation_id")
        .query(EscalationRecord::fromRow)
        .list();
  }

  public List<AlertRecord> alerts(String sagaId) {
    return jdbc.sql("SELECT * FROM alert WHERE saga_id = :saga ORDER BY id")
        .param("saga", sagaId)
        .query(AlertRecord::fromRow)
        .list();
  }

  private void recordAlert(Escalation e, String message) {
    try {
      jdbc.sql(
              """
              INSERT INTO alert (saga_id, escalation_id, sequence, message, sent_at)
              VALUES (:saga, :id, :seq, :message, :now)
              """)
          .param("saga", e.sagaId())
          .param("id", e.id())
          .param("seq", e.alertsSent())
          .param("message", truncate(message))
          .param("now", Timestamp.from(Instant.now()))
          .update();
    } catch (DuplicateKeyException alreadySent) {
      // A retried activity: this alert is recorded already.
    }
  }

  private static String truncate(String text) {
    return text == null || text.length() <= 2000 ? text : text.substring(0, 1997) + "...";
  }
}
