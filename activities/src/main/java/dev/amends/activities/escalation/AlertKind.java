package dev.amends.activities.escalation;

/** Why an alert about an escalation goes out. */
public enum AlertKind {
  /** The escalation has just opened. */
  OPENED,
  /** Nobody has answered it yet: the alert goes out again. */
  REALERT,
  /** A decision waits for a second person to approve it. */
  APPROVAL_REQUESTED,
  /** A decision was taken, but recording it keeps failing: the store does not answer. */
  RECORDING_DELAYED
}
