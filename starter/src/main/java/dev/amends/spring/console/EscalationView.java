package dev.amends.spring.console;

import dev.amends.saga.Escalation;
import dev.amends.saga.OperatorDecision;
import dev.amends.saga.SagaState;
import dev.amends.saga.WriteOffRequest;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/** One escalation of a saga, open or settled, on the saga's page. */
record EscalationView(
    String id,
    String step,
    String world,
    String undo,
    String error,
    int attempts,
    int alertsSent,
    String openedAt,
    String age,
    boolean late,
    String status,
    String decision,
    List<String> writeOffs,
    String amount,
    String link) {

  static List<EscalationView> all(SagaState state, Instant now, Duration sla) {
    return state.escalations().stream().map(e -> of(e, now, sla)).toList();
  }

  static EscalationView of(Escalation e, Instant now, Duration sla) {
    Instant opened = Instant.ofEpochMilli(e.openedAtMillis());
    Duration age = Duration.between(opened, now);
    String status =
        !e.awaitsDecision()
            ? (e.recorded() ? "SETTLED" : "SETTLING")
            : e.awaitsApproval() ? "AWAITING_APPROVAL" : "OPEN";
    return new EscalationView(
        e.id(),
        e.step(),
        e.world().level(),
        e.undo(),
        e.error(),
        e.attempts(),
        e.alertsSent(),
        opened.toString(),
        ConsoleController.Ages.text(age),
        e.awaitsDecision() && age.compareTo(sla) > 0,
        status,
        decision(e.decision()),
        e.writeOffs().stream().map(EscalationView::writeOff).toList(),
        e.amountMinor() == null ? null : e.amountMinor() + " " + e.currency() + " (minor units)",
        "/console/sagas/" + e.sagaId() + "/escalations/" + e.id());
  }

  private static String decision(OperatorDecision d) {
    if (d == null) {
      return null;
    }
    return d.action()
        + " by "
        + d.operator()
        + (d.approvedBy() == null ? "" : ", approved by " + d.approvedBy())
        + " at "
        + Instant.ofEpochMilli(d.decidedAtMillis())
        + (d.note() == null ? "" : ": " + d.note());
  }

  private static String writeOff(WriteOffRequest w) {
    String asked =
        "requested by "
            + w.requestedBy()
            + " at "
            + Instant.ofEpochMilli(w.requestedAtMillis())
            + (w.note() == null ? "" : " (" + w.note() + ")");
    if (w.pending()) {
      return asked + ": awaits an approver";
    }
    return asked
        + ": "
        + w.review()
        + " by "
        + w.reviewedBy()
        + (w.reviewNote() == null ? "" : " (" + w.reviewNote() + ")");
  }
}
