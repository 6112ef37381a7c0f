package dev.amends.activities.escalation;

import dev.amends.saga.Escalation;
import java.util.List;

/**
 * Escalations as operators list them, across sagas, and the alerts sent about them. Written only by
 * the escalation activities, so every write is idempotent: an activity retry must not duplicate a
 * row or an alert. {@link JdbcEscalationStore} keeps them in the service's database; replace the
 * bean to keep them elsewhere.
 */
public interface EscalationStore {

  /** Records a newly opened escalation; a second call for the same one changes nothing. */
  void open(Escalation escalation);

  /** Records that the escalation was alerted again; never lowers the count of alerts sent. */
  void realert(Escalation escalation);

  /**
   * Records the escalation's newest write-off request as it stands: pending, or reviewed. A retry
   * writes the same values again.
   */
  void recordWriteOff(Escalation escalation);

  /**
   * Records the decision and closes the escalation, with where the decision came from. The
   * decision's texts are stored whole: the decision rules bound them to what the store holds.
   */
  void close(Escalation escalation, DecisionSources.Sources sources);

  /** Escalations oldest first; only the open ones when {@code openOnly}. */
  List<EscalationRecord> list(boolean openOnly);

  /** The alerts sent about a saga's escalations, in the order they were recorded. */
  List<AlertRecord> alerts(String sagaId);

  /**
   * Records an alert before it is sent, once: a retried activity finds the record it wrote and its
   * delivery state.
   */
  void recordAlert(AlertNotice notice, AlertDelivery delivery);

  /** The delivery state of a recorded alert. */
  AlertRecord alert(AlertNotice notice);

  /**
   * Records one delivery attempt of an alert still pending; an alert already delivered or failed
   * for good keeps its state.
   */
  void recordDelivery(AlertNotice notice, AlertDelivery delivery, int attempts, String error);
}
