package dev.amends.app.ledger;

import dev.amends.activities.ledger.ChainVerification;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The walks of the chain admins started from the console (table ledger_verification), kept so the
 * console can say when the chain was last verified and by whom. Appended to, never changed.
 */
@Repository
class LedgerVerifications {
  /** The columns' widths: a longer name or problem is cut, never refused after the walk. */
  static final int NAME_LENGTH = 200;

  static final int PROBLEM_LENGTH = 2000;

  private final JdbcClient jdbc;

  LedgerVerifications(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /** One recorded walk: when, by whom, and what it found. */
  record Recorded(Instant at, String by, ChainVerification chain) {}

  Recorded record(String by, ChainVerification chain, Instant at) {
    Recorded recorded = new Recorded(at, cut(by, NAME_LENGTH), chain);
    jdbc.sql(
            """
            INSERT INTO ledger_verification (verification_id, verified_at, verified_by, intact,
              entries_checked, head_seq, broken_at_seq, problem)
            VALUES (:id, :at, :by, :intact, :checked, :head, :broken, :problem)
            """)
        .param("id", UUID.randomUUID().toString())
        .param("at", Timestamp.from(at))
        .param("by", recorded.by())
        .param("intact", chain.intact())
        .param("checked", chain.entriesChecked())
        .param("head", chain.headSeq())
        .param("broken", chain.brokenAtSeq())
        .param("problem", cut(chain.problem(), PROBLEM_LENGTH))
        .update();
    return recorded;
  }

  Optional<Recorded> latest() {
    return jdbc.sql("SELECT * FROM ledger_verification ORDER BY verified_at DESC LIMIT 1")
        .query(LedgerVerifications::recorded)
        .optional();
  }

  private static Recorded recorded(ResultSet rs, int row) throws SQLException {
    long broken = rs.getLong("broken_at_seq");
    Long brokenAt = rs.wasNull() ? null : broken;
    return new Recorded(
        rs.getTimestamp("verified_at").toInstant(),
        rs.getString("verified_by"),
        new ChainVerification(
            rs.getBoolean("intact"),
            rs.getLong("entries_checked"),
            rs.getLong("head_seq"),
            null,
            brokenAt,
            rs.getString("problem")));
  }

  private static String cut(String text, int length) {
    return text == null || text.length() <= length ? text : text.substring(0, length);
  }
}
