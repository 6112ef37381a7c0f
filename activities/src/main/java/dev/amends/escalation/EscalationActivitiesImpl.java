package dev.amends.escalation;

import dev.amends.saga.Escalation;
import dev.amends.saga.EscalationActivities;
import org.springframework.stereotype.Component;

@Component
public class EscalationActivitiesImpl implements EscalationActivities {
  private final EscalationStore store;
  private final Alerter alerter;
  private final LedgerSettlements settlements;

  private final DecisionSources sources;

  public EscalationActivitiesImpl(
      EscalationStore store,
      Alerter alerter,
      LedgerSettlements settlements,
      DecisionSources sources) {
    this.store = store;
    this.alerter = alerter;
    this.settlements = settlements;
    this.sources = sources;
  }

  @Override
  public void open(Escalation escalation) {
    String message = message("NEEDS OPERATOR", escalation);
    store.open(escalation, message);
    alerter.alert(escalation, message);
  }

  @Override
  public void realert(Escalation escalation) {
    String message = message("STILL NEEDS OPERATOR (alert " + escalation.alertsSent() + ")", escalation);
    store.realert(escalation, message);
    alerter.alert(escalation, message);
  }

  @Override
  public void recordWriteOff(Escalation escalation) {
    store.recordWriteOff(escalation);
    if (escalation.awaitsApproval()) {
      alerter.alert(escalation, message("WRITE-OFF AWAITS APPROVAL", escalation));
    }
  }

  /**
   * The ledger's settlement first, then the escalation row: both are idempotent, so a close that
   * fails between them is finished by its retry, and until then the escalation is listed as open.
   */
  @Override
  public void close(Escalation escalation) {
    DecisionSources.Sources from = sources.of(escalation);
    settlements.record(escalation);
    store.close(escalation, from);
  }

  static String message(String headline, Escalation e) {
    return String.format(
        "%s: saga %s, step %s (%s), undo %s failed after %d attempts: %s. Runbook: %s."
            + " Decide with signal resolveEscalation {\"escalationId\": \"%s\", ...}",
        headline, e.sagaId(), e.step(), e.world().level(), e.undo(), e.attempts(), e.error(),
        e.runbook(), e.id());
  }
}
