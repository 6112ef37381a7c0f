package dev.amends.saga;

import io.temporal.activity.ActivityInterface;

/**
 * The saga core's only side effects: it records escalations where operators can list them (across
 * sagas, without a visibility store) and sends alerts. Called only off the happy path.
 */
@ActivityInterface(namePrefix = "Escalation")
public interface EscalationActivities {

  /** Records a newly opened escalation and sends its first alert. Idempotent per escalation id. */
  void open(Escalation escalation);

  /** Sends the alert again for an escalation nobody has answered (or whose recording lags). */
  void realert(Escalation escalation);

  /**
   * Records the state of the escalation's newest write-off request: a new request is recorded and
   * approvers are alerted; a rejected one returns the escalation to waiting. Idempotent.
   */
  void recordWriteOff(Escalation escalation);

  /**
   * Records the operator's decision and closes the escalation: the ledger's settlement (for an
   * RML-3 effect) first, then the escalation row, so a close that cannot finish leaves the
   * escalation listed as open. Idempotent per escalation id.
   */
  void close(Escalation escalation);
}
