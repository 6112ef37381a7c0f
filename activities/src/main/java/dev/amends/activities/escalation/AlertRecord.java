package dev.amends.activities.escalation;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;

/**
 * One alert about an escalation, and how far it got.
 *
 * @param sentAt when the alert was first recorded and logged
 * @param deliveryAttempts activity attempts that tried the webhook (0 when only logged)
 * @param deliveryError why the last webhook attempt failed, bounded in length; null once delivered
 * @param deliveredAt when every webhook of its audience took it; null otherwise
 */
public record AlertRecord(
    String sagaId,
    String escalationId,
    int sequence,
    AlertKind kind,
    AlertAudience audience,
    String message,
    Instant sentAt,
    AlertDelivery delivery,
    int deliveryAttempts,
    String deliveryError,
    Instant deliveredAt) {

  static AlertRecord fromRow(ResultSet rs, int row) throws SQLException {
    return new AlertRecord(
        rs.getString("saga_id"),
        rs.getString("escalation_id"),
        rs.getInt("sequence"),
        AlertKind.valueOf(rs.getString("kind")),
        AlertAudience.valueOf(rs.getString("audience")),
        rs.getString("message"),
        rs.getTimestamp("sent_at").toInstant(),
        AlertDelivery.valueOf(rs.getString("delivery")),
        rs.getInt("delivery_attempts"),
        rs.getString("delivery_error"),
        instant(rs.getTimestamp("delivered_at")));
  }

  private static Instant instant(Timestamp ts) {
    return ts == null ? null : ts.toInstant();
  }
}
