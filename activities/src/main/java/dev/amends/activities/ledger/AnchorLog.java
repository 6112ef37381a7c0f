package dev.amends.activities.ledger;

import java.util.List;

/**
 * Ledger hashes kept where the application's database role cannot rewrite them. Someone who can
 * rewrite the ledger table can also recompute every later hash and every anchor kept in the same
 * database; a hash published here before the rewrite still tells which entry changed.
 *
 * <p>{@link FileAnchorLog} appends to a file; a service that wants object storage with a retention
 * lock, or a transparency log, supplies its own bean.
 */
public interface AnchorLog {

  /** Every anchor published so far, oldest first. */
  List<LedgerAnchor> anchors();

  /** The highest entry published, 0 when none. */
  long lastPublishedSeq();

  /**
   * Publishes anchors for entries beyond {@link #lastPublishedSeq()}, in order; anchors at or below
   * it are ignored, so a retried publication writes nothing twice.
   */
  void publish(List<LedgerAnchor> anchors);
}
