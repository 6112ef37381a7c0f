package dev.amends.activities.escalation;

import dev.amends.saga.Escalation;
import dev.amends.saga.TextRules;

/**
 * One alert about an escalation, as every channel sends it.
 *
 * @param alertNumber the escalation's alerts so far, this one included ({@link
 *     Escalation#alertsSent()})
 * @param message the human-readable text; the escalation's error in it is bounded in length
 */
public record AlertNotice(
    Escalation escalation,
    AlertKind kind,
    AlertAudience audience,
    int alertNumber,
    String message) {
  static final int MAX_ERROR_LENGTH = 1000;

  public static AlertNotice opened(Escalation e) {
    return new AlertNotice(
        e, AlertKind.OPENED, AlertAudience.OPERATOR, e.alertsSent(), message("NEEDS OPERATOR", e));
  }

  /**
   * A reminder for an escalation nobody has answered. While it waits for approval of a decision,
   * the reminder goes to the approvers, since the next move is theirs.
   */
  public static AlertNotice realert(Escalation e, boolean awaitingApproval) {
    String waitsFor = awaitingApproval ? "APPROVAL" : "OPERATOR";
    return new AlertNotice(
        e,
        AlertKind.REALERT,
        awaitingApproval ? AlertAudience.APPROVER : AlertAudience.OPERATOR,
        e.alertsSent(),
        message("STILL NEEDS " + waitsFor + " (alert " + e.alertsSent() + ")", e));
  }

  /** Asks the approvers to confirm or refuse a decision taken on the escalation. */
  public static AlertNotice approvalRequested(Escalation e) {
    return new AlertNotice(
        e,
        AlertKind.APPROVAL_REQUESTED,
        AlertAudience.APPROVER,
        e.alertsSent(),
        message(
            "NEEDS APPROVAL",
            e,
            "Approve or refuse the decision at " + DecisionPaths.approve(e.sagaId(), e.id())));
  }

  /**
   * Tells operators that a decision was taken but cannot be recorded (the database does not
   * answer): amends keeps retrying, and someone should look at the store.
   */
  public static AlertNotice recordingDelayed(Escalation e) {
    String decision =
        e.decision() == null
            ? "a decision"
            : e.decision().action() + " by " + e.decision().operator();
    return new AlertNotice(
        e,
        AlertKind.RECORDING_DELAYED,
        AlertAudience.OPERATOR,
        e.alertsSent(),
        message(
            "DECISION NOT YET RECORDED",
            e,
            decision
                + " was accepted, but recording it keeps failing; amends retries until the store"
                + " answers. Check the database."));
  }

  /**
   * Names this alert across retries and channels — {@code <sagaId>/<escalationId>/<alertNumber>/
   * <kind>} — so a receiver can drop a repeated delivery.
   */
  public String deliveryId() {
    return escalation.sagaId() + "/" + escalation.id() + "/" + alertNumber + "/" + kind;
  }

  /** The escalation's error, cut to a bounded length. */
  public String boundedError() {
    return bounded(escalation.error());
  }

  static String bounded(String error) {
    return TextRules.cut(error, MAX_ERROR_LENGTH);
  }

  private static String message(String headline, Escalation e) {
    return message(
        headline,
        e,
        String.format(
            "Decide with signal resolveEscalation {\"escalationId\": \"%s\", ...}", e.id()));
  }

  private static String message(String headline, Escalation e, String whatToDo) {
    return String.format(
        "%s: saga %s, step %s (%s), undo %s failed after %d attempts: %s. Runbook: %s. %s",
        headline,
        e.sagaId(),
        e.step(),
        e.world().level(),
        e.undo(),
        e.attempts(),
        bounded(e.error()),
        e.runbook(),
        whatToDo);
  }
}
