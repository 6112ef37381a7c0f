package dev.amends.escalation;

import dev.amends.saga.Escalation;
import dev.amends.saga.EscalationActivities;
import org.springframework.stereotype.Component;

@Component
public class EscalationActivitiesImpl implements EscalationActivities {
  private final EscalationStore store;
  private final Alerter alerter;
  private final LedgerSettlements settlements;

  public EscalationActivitiesImpl(
      EscalationStore store, Alerter alerter, LedgerSettlements settlements) {
    this.store = store;
    this.alerter = alerter;
    this.settlements = settlements;
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
  public void close(Escalation escalation) {
    store.close(escalation);
    settlements.record(escalation);
  }

  static String message(String headline, Escalation e) {
    return String.format(
        "%s: saga %s, step %s (%s), undo %s failed after %d attempts: %s. Runbook: %s."
            + " Decide with signal resolveEscalation {\"escalationId\": \"%s\", ...}",
        headline, e.sagaId(), e.step(), e.world().level(), e.undo(), e.attempts(), e.error(),
        e.runbook(), e.id());
  }
}
