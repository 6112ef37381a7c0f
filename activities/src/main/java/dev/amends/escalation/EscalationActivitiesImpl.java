package dev.amends.escalation;

import dev.amends.saga.Escalation;
import dev.amends.saga.EscalationActivities;
import org.springframework.stereotype.Component;

@Component
public class EscalationActivitiesImpl implements EscalationActivities {
  private final EscalationStore store;
  private final Alerts alerts;
  private final LedgerSettlements settlements;

  public EscalationActivitiesImpl(
      EscalationStore store, Alerts alerts, LedgerSettlements settlements) {
    this.store = store;
    this.alerts = alerts;
    this.settlements = settlements;
  }

  @Override
  public void open(Escalation escalation) {
    store.open(escalation);
    alerts.send(AlertNotice.opened(escalation));
  }

  @Override
  public void realert(Escalation escalation) {
    store.realert(escalation);
    // Escalations do not wait for approval yet, so every reminder goes to the operators.
    alerts.send(AlertNotice.realert(escalation, false));
  }

  @Override
  public void close(Escalation escalation) {
    store.close(escalation);
    settlements.record(escalation);
  }
}
