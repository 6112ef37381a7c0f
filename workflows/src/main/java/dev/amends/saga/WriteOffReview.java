package dev.amends.saga;

/** An approver's answer to a pending write-off request: the second pair of eyes. */
public enum WriteOffReview {
  /** The write-off stands: the saga records it, naming requester and approver. */
  APPROVE,
  /** The write-off is refused; the escalation waits for another decision. The note says why. */
  REJECT
}
