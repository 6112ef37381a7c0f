package dev.amends.activities.ledger;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.OffsetDateTime;

/** Ledger entries to and from rows, in one place for the appender, the reader and the verifier. */
final class LedgerRows {
  static final String COLUMNS =
      "seq, saga_id, step, kind, phase, corrects_seq, external_system, external_ref, amount_minor,"
          + " currency, call_key, idempotency_key, recorded_at, note, prev_hash, hash";

  static final String INSERT =
      "INSERT INTO ledger_entry ("
          + COLUMNS
          + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";

  private LedgerRows() {}

  static LedgerEntry entry(ResultSet rs, int row) throws SQLException {
    long corrects = rs.getLong("corrects_seq");
    Long correctsSeq = rs.wasNull() ? null : corrects;
    return new LedgerEntry(
        rs.getLong("seq"),
        rs.getString("saga_id"),
        rs.getString("step"),
        EntryKind.valueOf(rs.getString("kind")),
        EntryPhase.valueOf(rs.getString("phase")),
        correctsSeq,
        rs.getString("external_system"),
        rs.getString("external_ref"),
        rs.getLong("amount_minor"),
        rs.getString("currency"),
        rs.getString("call_key"),
        rs.getString("idempotency_key"),
        rs.getObject("recorded_at", OffsetDateTime.class).toInstant(),
        rs.getString("note"),
        rs.getString("prev_hash"),
        rs.getString("hash"));
  }

  static void bind(PreparedStatement insert, LedgerEntry e) throws SQLException {
    insert.setLong(1, e.seq());
    insert.setString(2, e.sagaId());
    insert.setString(3, e.step());
    insert.setString(4, e.kind().name());
    insert.setString(5, e.phase().name());
    if (e.correctsSeq() == null) {
      insert.setNull(6, Types.BIGINT);
    } else {
      insert.setLong(6, e.correctsSeq());
    }
    insert.setString(7, e.externalSystem());
    insert.setString(8, e.externalRef());
    insert.setLong(9, e.amountMinor());
    insert.setString(10, e.currency());
    insert.setString(11, e.callKey());
    insert.setString(12, e.idempotencyKey());
    insert.setTimestamp(13, Timestamp.from(e.recordedAt()));
    insert.setString(14, e.note());
    insert.setString(15, e.prevHash());
    insert.setString(16, e.hash());
  }
}
