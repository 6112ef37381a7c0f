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

  /** Sends the alert again for an escalation nobody has answered. */
  void realert(Escalation escalation);

  /** Records the operator's decision and closes the escalation. Idempotent per escalation id. */
  void close(Escalation escalation);
}
