package dev.amends.saga;

/**
 * An operator's request to write off an RML-3 effect (or a ledger drift), and, once answered, the
 * approver's review. A write-off at or above the approval threshold needs a second person: until an
 * approver who is not the requester approves it, it settles nothing.
 *
 * @param reviewedBy null while the request awaits approval
 * @param review null while the request awaits approval
 */
public record WriteOffRequest(
    String requestedBy,
    String note,
    long requestedAtMillis,
    String reviewedBy,
    WriteOffReview review,
    String reviewNote,
    Long reviewedAtMillis) {

  public static WriteOffRequest requested(String by, String note, long atMillis) {
    return new WriteOffRequest(by, note, atMillis, null, null, null, null);
  }

  public boolean pending() {
    return review == null;
  }

  public WriteOffRequest reviewed(String by, WriteOffReview answer, String why, long atMillis) {
    return new WriteOffRequest(requestedBy, note, requestedAtMillis, by, answer, why, atMillis);
  }
}
