package dev.amends.escalation;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;

/** One escalation row, open or closed. */
public record EscalationRecord(
    String sagaId,
    String escalationId,
    String sagaName,
    String step,
    String world,
    String undo,
    String error,
    int attempts,
    String runbook,
    Instant openedAt,
    int alertsSent,
    Instant lastAlertAt,
    String decisionAction,
    String decisionOperator,
    String decisionNote,
    Instant closedAt) {

  static EscalationRecord fromRow(ResultSet rs, int row) throws SQLException {
    return new EscalationRecord(
        rs.getString("saga_id"),
        rs.getString("escalation_id"),
        rs.getString("saga_name"),
        rs.getString("step"),
        rs.getString("world"),
        rs.getString("undo_name"),
        rs.getString("error"),
        rs.getInt("attempts"),
        rs.getString("runbook"),
        instant(rs.getTimestamp("opened_at")),
        rs.getInt("alerts_sent"),
        instant(rs.getTimestamp("last_alert_at")),
        rs.getString("decision_action"),
        rs.getString("decision_operator"),
        rs.getString("decision_note"),
        instant(rs.getTimestamp("closed_at")));
  }

  private static Instant instant(Timestamp ts) {
    return ts == null ? null : ts.toInstant();
  }
}
