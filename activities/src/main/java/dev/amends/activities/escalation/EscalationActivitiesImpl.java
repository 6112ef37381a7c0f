package dev.amends.activities.escalation;

import dev.amends.saga.Escalation;
import dev.amends.saga.EscalationActivities;

public class EscalationActivitiesImpl implements EscalationActivities {
  private final EscalationStore store;
  private final Alerts alerts;
  private final LedgerSettlements settlements;

  private final DecisionSources sources;

  public EscalationActivitiesImpl(
      EscalationStore store,
      Alerts alerts,
      LedgerSettlements settlements,
      DecisionSources sources) {
    this.store = store;
    this.alerts = alerts;
    this.settlements = settlements;
    this.sources = sources;
  }

  @Override
  public void open(Escalation escalation) {
    store.open(escalation);
    alerts.send(AlertNotice.opened(escalation));
  }

  @Override
  public void realert(Escalation escalation) {
    if (escalation.recordingDelayed()) {
      // The store is what fails: the alert must not depend on it.
      alerts.sendWithoutStore(AlertNotice.recordingDelayed(escalation));
      return;
    }
    store.realert(escalation);
    // A reminder of a write-off that waits for approval goes to the approvers.
    alerts.send(AlertNotice.realert(escalation, escalation.awaitsApproval()));
  }

  @Override
  public void recordWriteOff(Escalation escalation) {
    store.recordWriteOff(escalation);
    if (escalation.awaitsApproval()) {
      alerts.send(AlertNotice.approvalRequested(escalation));
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
}
