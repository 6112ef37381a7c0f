package dev.amends.examples.trip.flow;

import dev.amends.saga.Escalation;
import dev.amends.saga.EscalationActivities;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Escalation activities for workflow tests: remembers what was opened and closed. */
public class RecordingEscalations implements EscalationActivities {
  public final List<Escalation> opened = new CopyOnWriteArrayList<>();
  public final List<Escalation> closed = new CopyOnWriteArrayList<>();

  @Override
  public void open(Escalation escalation) {
    opened.add(escalation);
  }

  @Override
  public void realert(Escalation escalation) {}

  @Override
  public void recordWriteOff(Escalation escalation) {}

  @Override
  public void close(Escalation escalation) {
    closed.add(escalation);
  }
}
