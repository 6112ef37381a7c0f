package dev.amends.activities.escalation;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;

/**
 * One escalation row, open or closed.
 *
 * @param writeOffState the newest write-off request's state: PENDING (waits for an approver),
 *     APPROVED or REJECTED; null when none was requested
 * @param decisionChannel {@code api} or {@code temporal-signal}, read from the signal's identity
 */
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
    Long amountMinor,
    String currency,
    String writeOffState,
    String writeOffRequestedBy,
    String writeOffNote,
    Instant writeOffRequestedAt,
    String writeOffReviewedBy,
    String writeOffReviewNote,
    String decisionAction,
    String decisionOperator,
    String decisionNote,
    String decisionApprovedBy,
    String decisionChannel,
    String decisionIdentity,
    String approvalIdentity,
    Instant closedAt) {

  public boolean awaitsApproval() {
    return closedAt == null && "PENDING".equals(writeOffState);
  }

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
        rs.getObject("amount_minor", Long.class),
        rs.getString("currency"),
        rs.getString("write_off_state"),
        rs.getString("write_off_requested_by"),
        rs.getString("write_off_note"),
        instant(rs.getTimestamp("write_off_requested_at")),
        rs.getString("write_off_reviewed_by"),
        rs.getString("write_off_review_note"),
        rs.getString("decision_action"),
        rs.getString("decision_operator"),
        rs.getString("decision_note"),
        rs.getString("decision_approved_by"),
        rs.getString("decision_channel"),
        rs.getString("decision_identity"),
        rs.getString("approval_identity"),
        instant(rs.getTimestamp("closed_at")));
  }

  private static Instant instant(Timestamp ts) {
    return ts == null ? null : ts.toInstant();
  }
}
