package dev.amends.saga;

import java.util.ArrayList;
import java.util.List;

/**
 * An undo that failed after its retry policy (or a drift the reconciler cannot settle), waiting
 * for, or settled by, people.
 *
 * @param id unique within its saga: the step name and a sequence number, e.g. {@code chargeCard-1}
 * @param attempts activity attempts the undo has used up, over every run so far
 * @param alertsSent the first alert plus each re-alert
 * @param decision null while the escalation is open
 * @param amountMinor what is at stake, in minor units, when the flow declared it; null otherwise
 * @param writeOffs every write-off requested on it, the newest last; the newest may be pending
 * @param recorded whether the decision is recorded in the escalation store (and the ledger)
 * @param recordingDelayed the decision was taken, but its recording has failed for a while: the
 *     store does not answer, amends keeps retrying, and an alert went out
 */
public record Escalation(
    String id,
    String sagaId,
    String sagaName,
    String step,
    World world,
    String undo,
    String error,
    int attempts,
    String runbook,
    long openedAtMillis,
    int alertsSent,
    OperatorDecision decision,
    Long amountMinor,
    String currency,
    List<WriteOffRequest> writeOffs,
    boolean recorded,
    boolean recordingDelayed) {

  public Escalation {
    writeOffs = writeOffs == null ? List.of() : List.copyOf(writeOffs);
  }

  /** A newly opened escalation: nothing decided, one alert about to go out. */
  public static Escalation opened(
      String id,
      String sagaId,
      String sagaName,
      String step,
      World world,
      String undo,
      String error,
      int attempts,
      String runbook,
      long openedAtMillis,
      Long amountMinor,
      String currency) {
    return new Escalation(
        id,
        sagaId,
        sagaName,
        step,
        world,
        undo,
        error,
        attempts,
        runbook,
        openedAtMillis,
        1,
        null,
        amountMinor,
        currency,
        List.of(),
        false,
        false);
  }

  public boolean awaitsDecision() {
    return decision == null;
  }

  /** The write-off request that waits for an approver, or null. */
  public WriteOffRequest pendingWriteOff() {
    if (writeOffs.isEmpty()) {
      return null;
    }
    WriteOffRequest newest = writeOffs.get(writeOffs.size() - 1);
    return decision == null && newest.pending() ? newest : null;
  }

  public boolean awaitsApproval() {
    return pendingWriteOff() != null;
  }

  Escalation withAlertsSent(int count) {
    return new Escalation(
        id,
        sagaId,
        sagaName,
        step,
        world,
        undo,
        error,
        attempts,
        runbook,
        openedAtMillis,
        count,
        decision,
        amountMinor,
        currency,
        writeOffs,
        recorded,
        recordingDelayed);
  }

  public Escalation decided(OperatorDecision settled) {
    return new Escalation(
        id,
        sagaId,
        sagaName,
        step,
        world,
        undo,
        error,
        attempts,
        runbook,
        openedAtMillis,
        alertsSent,
        settled,
        amountMinor,
        currency,
        writeOffs,
        false,
        false);
  }

  public Escalation withWriteOff(WriteOffRequest request) {
    List<WriteOffRequest> all = new ArrayList<>(writeOffs);
    all.add(request);
    return withWriteOffs(all);
  }

  /** Replaces the newest write-off request with its reviewed form. */
  public Escalation withReviewedWriteOff(WriteOffRequest reviewed) {
    List<WriteOffRequest> all = new ArrayList<>(writeOffs);
    all.set(all.size() - 1, reviewed);
    return withWriteOffs(all);
  }

  private Escalation withWriteOffs(List<WriteOffRequest> all) {
    return new Escalation(
        id,
        sagaId,
        sagaName,
        step,
        world,
        undo,
        error,
        attempts,
        runbook,
        openedAtMillis,
        alertsSent,
        decision,
        amountMinor,
        currency,
        all,
        recorded,
        recordingDelayed);
  }

  Escalation withRecordingDelayed() {
    return new Escalation(
        id,
        sagaId,
        sagaName,
        step,
        world,
        undo,
        error,
        attempts,
        runbook,
        openedAtMillis,
        alertsSent,
        decision,
        amountMinor,
        currency,
        writeOffs,
        false,
        true);
  }

  Escalation withRecorded() {
    return new Escalation(
        id,
        sagaId,
        sagaName,
        step,
        world,
        undo,
        error,
        attempts,
        runbook,
        openedAtMillis,
        alertsSent,
        decision,
        amountMinor,
        currency,
        writeOffs,
        true,
        false);
  }
}
