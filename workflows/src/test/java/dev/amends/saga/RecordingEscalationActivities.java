package dev.amends.saga;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Escalation activities for this module's own workflow tests (which cannot use the testkit, built
 * on this module): remembers what was opened, re-alerted and closed. Other modules use the
 * testkit's InMemoryEscalations.
 */
public class RecordingEscalationActivities implements EscalationActivities {
  public final List<Escalation> opened = new CopyOnWriteArrayList<>();
  public final List<Escalation> realerted = new CopyOnWriteArrayList<>();
  public final List<Escalation> closed = new CopyOnWriteArrayList<>();
  public final List<Escalation> writeOffs = new CopyOnWriteArrayList<>();

  @Override
  public synchronized void open(Escalation escalation) {
    opened.add(escalation);
  }

  @Override
  public synchronized void realert(Escalation escalation) {
    realerted.add(escalation);
  }

  @Override
  public synchronized void recordWriteOff(Escalation escalation) {
    writeOffs.add(escalation);
  }

  @Override
  public synchronized void close(Escalation escalation) {
    closed.add(escalation);
  }
}
