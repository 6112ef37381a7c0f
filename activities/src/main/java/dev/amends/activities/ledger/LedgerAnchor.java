package dev.amends.activities.ledger;

/**
 * A link of the chain remembered outside the ledger table (in a reconciler run's report, or by an
 * auditor): entry {@code seq} had hash {@code hash}. A chain rewritten from an earlier point, or
 * cut short at its end, can be self-consistent again; it cannot match an anchor taken before.
 */
public record LedgerAnchor(long seq, String hash) {}
