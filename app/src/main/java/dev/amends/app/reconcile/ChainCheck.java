package dev.amends.app.reconcile;

/**
 * The ledger's chain as a reconciler run found it. Its head is kept with the run's report, and
 * later walks check the chain still passes through it (an anchor).
 *
 * @param anchorsChecked how many heads of earlier runs the walk held the chain to
 * @param brokenAtSeq null when intact
 */
public record ChainCheck(
    boolean intact,
    long entriesChecked,
    long headSeq,
    String headHash,
    int anchorsChecked,
    Long brokenAtSeq,
    String problem) {}
