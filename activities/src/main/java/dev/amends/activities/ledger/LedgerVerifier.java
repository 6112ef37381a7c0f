package dev.amends.activities.ledger;

import dev.amends.saga.metrics.MetricNames;
import io.micrometer.core.instrument.Metrics;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;

/**
 * Walks the chain from the first entry and reports the first link that does not hold: a sequence
 * gap (an entry removed), a previous-hash mismatch (removed, inserted or reordered entries), or a
 * hash that no longer matches its entry's content (an altered field). Anchors catch what a
 * consistent rewrite would hide: a chain recomputed after a forgery, or cut short at its end.
 */
public class LedgerVerifier {
  private static final int FETCH = 2_000;

  private final DataSource dataSource;

  /** The last verification's answer, 1 intact, 0 broken; NaN until the first. */
  private volatile double lastIntact = Double.NaN;

  public LedgerVerifier(DataSource dataSource) {
    Metrics.gauge(MetricNames.LEDGER_CHAIN_INTACT, this, v -> v.lastIntact);
    this.dataSource = dataSource;
  }

  public ChainVerification verify() {
    return verify(List.of());
  }

  public ChainVerification verify(List<LedgerAnchor> anchors) {
    ChainVerification verified = verifyRows(anchors);
    lastIntact = verified.intact() ? 1 : 0;
    return verified;
  }

  private ChainVerification verifyRows(List<LedgerAnchor> anchors) {
    try (Connection connection = dataSource.getConnection()) {
      boolean autoCommit = connection.getAutoCommit();
      // PostgreSQL streams rows with a cursor only inside a transaction.
      connection.setAutoCommit(false);
      try (PreparedStatement select =
          connection.prepareStatement(
              "SELECT " + LedgerRows.COLUMNS + " FROM ledger_entry ORDER BY seq")) {
        select.setFetchSize(FETCH);
        try (ResultSet rs = select.executeQuery()) {
          return walk(rs, anchors);
        }
      } finally {
        connection.rollback();
        connection.setAutoCommit(autoCommit);
      }
    } catch (SQLException e) {
      throw new LedgerUnavailableException("cannot read the ledger: " + e.getMessage(), e);
    }
  }

  private static ChainVerification walk(ResultSet rs, List<LedgerAnchor> anchorList)
      throws SQLException {
    // An anchor log holds a hash per entry; a lookup keeps the walk linear.
    Map<Long, List<String>> anchors = new HashMap<>();
    for (LedgerAnchor anchor : anchorList) {
      anchors.computeIfAbsent(anchor.seq(), seq -> new ArrayList<>(1)).add(anchor.hash());
    }
    long checked = 0;
    long expectedSeq = 1;
    String prevHash = ChainHash.GENESIS;
    while (rs.next()) {
      LedgerEntry entry = LedgerRows.entry(rs, 0);
      String problem = null;
      if (entry.seq() != expectedSeq) {
        problem =
            "sequence gap: expected entry "
                + expectedSeq
                + ", found "
                + entry.seq()
                + " (an entry was removed or renumbered)";
      } else if (!prevHash.equals(entry.prevHash())) {
        problem =
            "previous hash does not match entry "
                + (expectedSeq - 1)
                + " (entries were removed, inserted or reordered)";
      } else if (!ChainHash.of(entry).equals(entry.hash())) {
        problem = "hash does not match the entry's content (a field was altered)";
      } else {
        problem = anchorMismatch(entry, anchors);
      }
      if (problem != null) {
        return ChainVerification.broken(checked, expectedSeq - 1, prevHash, entry.seq(), problem);
      }
      checked++;
      expectedSeq++;
      prevHash = entry.hash();
    }
    long head = expectedSeq - 1;
    for (LedgerAnchor anchor : anchorList) {
      if (anchor.seq() > head) {
        return ChainVerification.broken(
            checked,
            head,
            prevHash,
            head + 1,
            "the chain ends at entry "
                + head
                + " but entry "
                + anchor.seq()
                + " was anchored (entries were removed from the end)");
      }
    }
    return ChainVerification.intact(checked, head, prevHash);
  }

  private static String anchorMismatch(LedgerEntry entry, Map<Long, List<String>> anchors) {
    for (String hash : anchors.getOrDefault(entry.seq(), List.of())) {
      if (!hash.equals(entry.hash())) {
        return "hash differs from the anchor taken earlier (the chain was rewritten at or before"
            + " this entry)";
      }
    }
    return null;
  }
}
