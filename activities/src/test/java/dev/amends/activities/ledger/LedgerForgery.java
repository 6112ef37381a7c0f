package dev.amends.activities.ledger;

import dev.amends.activities.db.TestDatabase;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A careful forger with the schema's rights: lifts the append-only guard, changes one entry and
 * recomputes the hash of it and of every later entry, so the chain is consistent again.
 */
public final class LedgerForgery {
  private LedgerForgery() {}

  /**
   * Multiplies entry {@code seq}'s amount by {@code factor} and rehashes the chain from there.
   *
   * @return the new head hash, which a forger also writes over any anchor kept beside the ledger
   */
  public static String raiseAmount(TestDatabase db, long seq, long factor) {
    String[] head = new String[1];
    db.tamper(
        "ledger_entry",
        () -> {
          JdbcClient jdbc = db.jdbc();
          jdbc.sql("UPDATE ledger_entry SET amount_minor = amount_minor * :factor WHERE seq = :seq")
              .param("factor", factor)
              .param("seq", seq)
              .update();
          head[0] = rehashFrom(jdbc, seq);
        });
    return head[0];
  }

  /**
   * Recomputes the hash of entry {@code from} and of every later one, as a forger does after
   * changing an entry (with the append-only guard already lifted).
   *
   * @return the new head hash
   */
  public static String rehashFrom(JdbcClient jdbc, long from) {
    List<LedgerEntry> entries =
        jdbc.sql("SELECT * FROM ledger_entry ORDER BY seq").query(LedgerRows::entry).list();
    String prev = ChainHash.GENESIS;
    for (LedgerEntry e : entries) {
      if (e.seq() >= from) {
        LedgerEntry relinked =
            new LedgerEntry(
                e.seq(),
                e.sagaId(),
                e.step(),
                e.kind(),
                e.phase(),
                e.correctsSeq(),
                e.externalSystem(),
                e.externalRef(),
                e.amountMinor(),
                e.currency(),
                e.callKey(),
                e.idempotencyKey(),
                e.recordedAt(),
                e.note(),
                prev,
                null);
        String hash = ChainHash.of(relinked);
        jdbc.sql("UPDATE ledger_entry SET prev_hash = :prev, hash = :hash WHERE seq = :seq")
            .param("prev", prev)
            .param("hash", hash)
            .param("seq", e.seq())
            .update();
        prev = hash;
      } else {
        prev = e.hash();
      }
    }
    return prev;
  }
}
