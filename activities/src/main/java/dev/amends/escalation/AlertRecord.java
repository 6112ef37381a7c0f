package dev.amends.escalation;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;

/** One alert that went out. */
public record AlertRecord(
    String sagaId, String escalationId, int sequence, String message, Instant sentAt) {

  static AlertRecord fromRow(ResultSet rs, int row) throws SQLException {
    return new AlertRecord(
        rs.getString("saga_id"),
        rs.getString("escalation_id"),
        rs.getInt("sequence"),
        rs.getString("message"),
        rs.getTimestamp("sent_at").toInstant());
  }
}
