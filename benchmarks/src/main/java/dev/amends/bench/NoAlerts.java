package dev.amends.bench;

import dev.amends.saga.Escalation;
import dev.amends.saga.EscalationActivities;

/** Escalations go nowhere in a benchmark: only their cost inside the saga is measured. */
final class NoAlerts implements EscalationActivities {
  @Override
  public void open(Escalation escalation) {}

  @Override
  public void realert(Escalation escalation) {}

  @Override
  public void recordWriteOff(Escalation escalation) {}

  @Override
  public void close(Escalation escalation) {}
}
