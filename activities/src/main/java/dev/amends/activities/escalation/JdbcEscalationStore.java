package dev.amends.activities.escalation;

import dev.amends.saga.Escalation;
import dev.amends.saga.OperatorDecision;
import dev.amends.saga.TextRules;
import dev.amends.saga.WriteOffRequest;
import dev.amends.saga.WriteOffReview;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.util.List;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The escalation store in the service's database (amends' migrations create its tables). */
public class JdbcEscalationStore implements EscalationStore {
  private final JdbcClient jdbc;

  public JdbcEscalationStore(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  @Override
  public void open(Escalation e) {
    try {
      jdbc.sql(
              """
              INSERT INTO escalation (saga_id, escalation_id, saga_name, step, world, undo_name,
                error, attempts, runbook, opened_at, alerts_sent, last_alert_at, amount_minor,
                currency)
              VALUES (:saga, :id, :name, :step, :world, :undo, :error, :attempts, :runbook,
                :opened, :alerts, :opened, :amount, :currency)
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
          .param("amount", e.amountMinor())
          .param("currency", e.currency())
          .update();
    } catch (DuplicateKeyException alreadyOpened) {
      // A retried activity: the escalation is recorded already.
    }
  }

  @Override
  public void realert(Escalation e) {
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
  }

  @Override
  public void recordWriteOff(Escalation e) {
    WriteOffRequest request = e.writeOffs().get(e.writeOffs().size() - 1);
    jdbc.sql(
            """
            UPDATE escalation SET write_off_state = :state, write_off_requested_by = :by,
              write_off_note = :note, write_off_requested_at = :at,
              write_off_reviewed_by = :reviewer, write_off_review_note = :review
            WHERE saga_id = :saga AND escalation_id = :id AND closed_at IS NULL
            """)
        .param("state", stateOf(request))
        .param("by", request.requestedBy())
        .param("note", request.note())
        .param("at", Timestamp.from(Instant.ofEpochMilli(request.requestedAtMillis())))
        .param("reviewer", request.reviewedBy())
        .param("review", request.reviewNote())
        .param("saga", e.sagaId())
        .param("id", e.id())
        .update();
  }

  @Override
  public void close(Escalation e, DecisionSources.Sources sources) {
    OperatorDecision decision = e.decision();
    WriteOffRequest newest =
        e.writeOffs().isEmpty() ? null : e.writeOffs().get(e.writeOffs().size() - 1);
    jdbc.sql(
            """
            UPDATE escalation SET decision_action = :action, decision_operator = :operator,
              decision_note = :note, decision_approved_by = :approver,
              decision_channel = :channel, decision_identity = :identity,
              approval_identity = :approvalIdentity, closed_at = :closed,
              write_off_state = :writeOffState, write_off_reviewed_by = :reviewer
            WHERE saga_id = :saga AND escalation_id = :id AND closed_at IS NULL
            """)
        .param("action", decision.action().name())
        .param("operator", decision.operator())
        .param("note", decision.note())
        .param("approver", decision.approvedBy())
        .param("channel", sources.decision().channel())
        .param("identity", sources.decision().identity())
        .param(
            "approvalIdentity", sources.approval() == null ? null : sources.approval().identity())
        .param("writeOffState", newest == null ? null : stateOf(newest))
        .param("reviewer", newest == null ? null : newest.reviewedBy())
        .param("closed", Timestamp.from(Instant.ofEpochMilli(decision.decidedAtMillis())))
        .param("saga", e.sagaId())
        .param("id", e.id())
        .update();
  }

  @Override
  public List<EscalationRecord> list(boolean openOnly) {
    String where = openOnly ? "WHERE closed_at IS NULL " : "";
    return jdbc.sql(
            "SELECT * FROM escalation " + where + "ORDER BY opened_at, saga_id, escalation_id")
        .query(EscalationRecord::fromRow)
        .list();
  }

  @Override
  public List<AlertRecord> alerts(String sagaId) {
    return jdbc.sql("SELECT * FROM alert WHERE saga_id = :saga ORDER BY id")
        .param("saga", sagaId)
        .query(AlertRecord::fromRow)
        .list();
  }

  @Override
  public void recordAlert(AlertNotice notice, AlertDelivery delivery) {
    Escalation e = notice.escalation();
    try {
      jdbc.sql(
              """
              INSERT INTO alert (saga_id, escalation_id, sequence, kind, audience, message,
                sent_at, delivery)
              VALUES (:saga, :id, :seq, :kind, :audience, :message, :now, :delivery)
              """)
          .param("saga", e.sagaId())
          .param("id", e.id())
          .param("seq", notice.alertNumber())
          .param("kind", notice.kind().name())
          .param("audience", notice.audience().name())
          .param("message", truncate(notice.message()))
          .param("now", Timestamp.from(Instant.now()))
          .param("delivery", delivery.name())
          .update();
    } catch (DuplicateKeyException alreadyRecorded) {
      // A retried activity: this alert is recorded already.
    }
  }

  private static String stateOf(WriteOffRequest request) {
    if (request.pending()) {
      return "PENDING";
    }
    return request.review() == WriteOffReview.APPROVE ? "APPROVED" : "REJECTED";
  }

  @Override
  public AlertRecord alert(AlertNotice notice) {
    return jdbc.sql(
            """
            SELECT * FROM alert
            WHERE saga_id = :saga AND escalation_id = :id AND sequence = :seq AND kind = :kind
            """)
        .param("saga", notice.escalation().sagaId())
        .param("id", notice.escalation().id())
        .param("seq", notice.alertNumber())
        .param("kind", notice.kind().name())
        .query(AlertRecord::fromRow)
        .single();
  }

  @Override
  public void recordDelivery(
      AlertNotice notice, AlertDelivery delivery, int attempts, String error) {
    jdbc.sql(
            """
            UPDATE alert SET delivery = :delivery, delivery_attempts = :attempts,
              delivery_error = :error, delivered_at = :deliveredAt
            WHERE saga_id = :saga AND escalation_id = :id AND sequence = :seq AND kind = :kind
              AND delivery = 'PENDING'
            """)
        .param("delivery", delivery.name())
        .param("attempts", attempts)
        .param("error", truncate(error, 500))
        .param(
            "deliveredAt",
            delivery == AlertDelivery.DELIVERED ? Timestamp.from(Instant.now()) : null,
            Types.TIMESTAMP)
        .param("saga", notice.escalation().sagaId())
        .param("id", notice.escalation().id())
        .param("seq", notice.alertNumber())
        .param("kind", notice.kind().name())
        .update();
  }

  private static String truncate(String text) {
    return truncate(text, 2000);
  }

  private static String truncate(String text, int width) {
    return TextRules.cut(text, width);
  }
}
