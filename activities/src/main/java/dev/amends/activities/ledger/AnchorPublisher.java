package dev.amends.activities.ledger;

import java.util.List;

/** Publishes the hashes of verified ledger entries to an {@link AnchorLog}, in batches. */
public final class AnchorPublisher {
  private static final int BATCH = 5_000;

  private final EffectLedger ledger;
  private final AnchorLog log;

  public AnchorPublisher(EffectLedger ledger, AnchorLog log) {
    this.ledger = ledger;
    this.log = log;
  }

  /**
   * Publishes every entry after the log's last one up to {@code verifiedHead}, which a verification
   * has just found intact (a hash is published only once the chain through it was checked).
   *
   * @return how many anchors were published
   */
  public long publishUpTo(long verifiedHead) {
    long published = 0;
    long after = log.lastPublishedSeq();
    while (after < verifiedHead) {
      List<LedgerAnchor> batch = ledger.hashesBetween(after, verifiedHead, BATCH);
      if (batch.isEmpty()) {
        break;
      }
      log.publish(batch);
      published += batch.size();
      after = batch.get(batch.size() - 1).seq();
    }
    return published;
  }
}
