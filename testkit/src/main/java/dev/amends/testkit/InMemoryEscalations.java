package dev.amends.testkit;

import dev.amends.saga.Escalation;
import dev.amends.saga.EscalationActivities;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The escalation activities in memory: remembers every escalation opened, re-alerted, whose
 * write-off was recorded, and closed, in the order the saga called. Extend it to make the store
 * fail for a while (override {@link #close} and throw).
 */
public class InMemoryEscalations implements EscalationActivities {
  public final List<Escalation> opened = new CopyOnWriteArrayList<>();
  public final List<Escalation> realerted = new CopyOnWriteArrayList<>();
  public final List<Escalation> closed = new CopyOnWriteArrayList<>();
  public final List<Escalation> writeOffs = new CopyOnWriteArrayList<>();

  @Override
  public void open(Escalation escalation) {
    opened.add(escalation);
  }

  @Override
  public void realert(Escalation escalation) {
    realerted.add(escalation);
  }

  @Override
  public void recordWriteOff(Escalation escalation) {
    writeOffs.add(escalation);
  }

  @Override
  public void close(Escalation escalation) {
    closed.add(escalation);
  }

  /** Forgets everything, between tests that share one instance. */
  public void clear() {
    opened.clear();
    realerted.clear();
    closed.clear();
    writeOffs.clear();
  }
}
