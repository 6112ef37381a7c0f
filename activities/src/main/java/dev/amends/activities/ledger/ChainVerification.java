package dev.amends.activities.ledger;

/**
 * What a walk of the chain found: either every link holds, or the first one that does not.
 *
 * @param entriesChecked entries walked before the walk stopped (all of them when intact)
 * @param headSeq the last entry walked; 0 for an empty ledger
 * @param headHash its hash, to keep as an anchor; {@link ChainHash#GENESIS} for an empty ledger
 * @param brokenAtSeq the entry where the chain first breaks; null when intact
 * @param problem what is wrong there; null when intact
 */
public record ChainVerification(
    boolean intact,
    long entriesChecked,
    long headSeq,
    String headHash,
    Long brokenAtSeq,
    String problem) {

  static ChainVerification intact(long checked, long headSeq, String headHash) {
    return new ChainVerification(true, checked, headSeq, headHash, null, null);
  }

  static ChainVerification broken(
      long checked, long headSeq, String headHash, long brokenAtSeq, String problem) {
    return new ChainVerification(false, checked, headSeq, headHash, brokenAtSeq, problem);
  }
}
