package dev.amends.spring.console;

import dev.amends.activities.escalation.EscalationRecord;
import java.time.Duration;
import java.time.Instant;

/** One open escalation in the inbox, as a person reads it. */
record InboxRow(
    String sagaId,
    String escalationId,
    String flow,
    String step,
    String world,
    String error,
    int attempts,
    int alertsSent,
    String openedAt,
    String age,
    boolean late,
    boolean awaitsApproval,
    String waitsFor,
    String link) {

  static InboxRow of(EscalationRecord r, Instant now, Duration sla) {
    Duration age = Duration.between(r.openedAt(), now);
    return new InboxRow(
        r.sagaId(),
        r.escalationId(),
        r.sagaName(),
        r.step(),
        r.world(),
        r.error(),
        r.attempts(),
        r.alertsSent(),
        r.openedAt().toString(),
        ConsoleController.Ages.text(age),
        age.compareTo(sla) > 0,
        r.awaitsApproval(),
        r.awaitsApproval()
            ? "an approver (write-off requested by " + r.writeOffRequestedBy() + ")"
            : "an operator",
        "/console/sagas/" + r.sagaId() + "/escalations/" + r.escalationId());
  }
}
