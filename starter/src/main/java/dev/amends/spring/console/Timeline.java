package dev.amends.spring.console;

import dev.amends.saga.SagaState;
import dev.amends.saga.StepState;
import dev.amends.saga.StepStatus;
import io.temporal.api.common.v1.Payloads;
import io.temporal.api.failure.v1.Failure;
import io.temporal.api.history.v1.HistoryEvent;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * A saga's steps and undos in the order they run (forward, then the undos backward), from its
 * state, each with the activities that carried it out (attempts and times), from its history. An
 * activity belongs to a step when its input carries the step's idempotency key; a step without a
 * key (a closed step) takes the activity named like it. Activities of neither kind (the
 * escalation's records, for example) are listed apart.
 */
record Timeline(List<Entry> entries, List<Activity> unmatched) {

  /** A step going forward, or its undo, with what its activities did. */
  record Entry(
      int order,
      String phase,
      String step,
      String world,
      String status,
      String key,
      String error,
      int attempts,
      String started,
      String ended,
      String outcome,
      int runs) {

    /** Whether any activity of the history carried this entry out. */
    boolean ran() {
      return runs > 0;
    }
  }

  /** One activity of the workflow's history; {@code input} is its arguments as JSON text. */
  record Activity(
      String type,
      String activityId,
      String scheduled,
      String closed,
      int attempts,
      String outcome,
      String input) {}

  private static final Set<StepStatus> BACKWARD =
      EnumSet.of(
          StepStatus.UNDOING,
          StepStatus.UNDONE,
          StepStatus.NOTHING_TO_UNDO,
          StepStatus.DISCARDED,
          StepStatus.NEEDS_OPERATOR,
          StepStatus.RESOLVED_MANUALLY,
          StepStatus.LOSS_ACCEPTED);

  static Timeline of(SagaState state, List<Activity> activities) {
    List<Activity> left = new ArrayList<>(activities);
    List<StepState> steps = state.steps();
    // Undos first: an undo's input often carries its step's do key as well as its own.
    Map<Integer, List<Activity>> undone = new LinkedHashMap<>();
    for (int i = 0; i < steps.size(); i++) {
      if (BACKWARD.contains(steps.get(i).status())) {
        undone.put(i, claim(left, steps.get(i).undoKey(), null));
      }
    }
    List<Entry> entries = new ArrayList<>();
    for (StepState s : steps) {
      boolean backward = BACKWARD.contains(s.status());
      // The step whose failure made the saga compensate has nothing to undo, but it did not go
      // through: forward, it failed.
      boolean failed = s.name().equals(state.failedStep());
      entries.add(
          entry(
              entries.size() + 1,
              "do",
              s,
              failed ? "FAILED" : backward ? "DONE" : s.status().name(),
              s.doKey(),
              failed ? state.failure() : backward ? null : s.error(),
              claim(left, s.doKey(), s.name())));
    }
    for (int i = steps.size() - 1; i >= 0; i--) {
      StepState s = steps.get(i);
      if (undone.containsKey(i)) {
        entries.add(
            entry(
                entries.size() + 1,
                "undo",
                s,
                s.status().name(),
                s.undoKey(),
                s.error(),
                undone.get(i)));
      }
    }
    return new Timeline(entries, left);
  }

  private static Entry entry(
      int order,
      String phase,
      StepState s,
      String status,
      String key,
      String error,
      List<Activity> ran) {
    int attempts = ran.stream().mapToInt(Activity::attempts).sum();
    String started = ran.isEmpty() ? null : ran.get(0).scheduled();
    Activity last = ran.isEmpty() ? null : ran.get(ran.size() - 1);
    return new Entry(
        order,
        phase,
        s.name(),
        s.world().level(),
        status,
        key,
        error,
        attempts,
        started,
        last == null ? null : last.closed(),
        last == null ? null : last.outcome(),
        ran.size());
  }

  /**
   * Takes from {@code left} the activities that carried out one step or undo: every one whose input
   * holds the key as a JSON string (an undo retried on an operator's RETRY runs again under the
   * same key); failing that, for a step going forward, the first one named like the step (a step
   * whose activity is not given its key, such as a closed step's).
   */
  private static List<Activity> claim(List<Activity> left, String key, String stepName) {
    List<Activity> mine = new ArrayList<>();
    if (key != null && !key.isBlank()) {
      String quoted = "\"" + key + "\"";
      for (Activity a : left) {
        if (a.input() != null && a.input().contains(quoted)) {
          mine.add(a);
        }
      }
    }
    if (mine.isEmpty() && stepName != null) {
      left.stream()
          .filter(a -> a.type().equalsIgnoreCase(stepName))
          .findFirst()
          .ifPresent(mine::add);
    }
    left.removeAll(mine);
    return mine;
  }

  /**
   * With the message of a failure as the describer reads it, and the input as the reader decodes
   * it: from the history as stored, an encrypted payload says nothing.
   */
  static List<Activity> activities(
      List<HistoryEvent> events,
      Function<Failure, String> describer,
      Function<Payloads, String> inputReader) {
    Map<Long, Activity> scheduled = new LinkedHashMap<>();
    Map<Long, Activity> done = new LinkedHashMap<>();
    Map<Long, Integer> attempts = new LinkedHashMap<>();
    for (HistoryEvent e : events) {
      String at = time(e);
      if (e.hasActivityTaskScheduledEventAttributes()) {
        var a = e.getActivityTaskScheduledEventAttributes();
        String input = a.hasInput() ? read(inputReader, a.getInput()) : null;
        scheduled.put(
            e.getEventId(),
            new Activity(
                a.getActivityType().getName(), a.getActivityId(), at, null, 0, "running", input));
      } else if (e.hasActivityTaskStartedEventAttributes()) {
        var a = e.getActivityTaskStartedEventAttributes();
        attempts.put(a.getScheduledEventId(), a.getAttempt());
      } else if (e.hasActivityTaskCompletedEventAttributes()) {
        close(
            done,
            scheduled,
            attempts,
            e.getActivityTaskCompletedEventAttributes().getScheduledEventId(),
            at,
            "completed");
      } else if (e.hasActivityTaskFailedEventAttributes()) {
        var a = e.getActivityTaskFailedEventAttributes();
        close(
            done,
            scheduled,
            attempts,
            a.getScheduledEventId(),
            at,
            "failed: " + describer.apply(a.getFailure()));
      } else if (e.hasActivityTaskTimedOutEventAttributes()) {
        close(
            done,
            scheduled,
            attempts,
            e.getActivityTaskTimedOutEventAttributes().getScheduledEventId(),
            at,
            "timed out");
      } else if (e.hasActivityTaskCanceledEventAttributes()) {
        close(
            done,
            scheduled,
            attempts,
            e.getActivityTaskCanceledEventAttributes().getScheduledEventId(),
            at,
            "canceled");
      }
    }
    List<Activity> all = new ArrayList<>();
    scheduled.forEach(
        (id, s) ->
            all.add(
                done.getOrDefault(
                    id,
                    new Activity(
                        s.type(),
                        s.activityId(),
                        s.scheduled(),
                        null,
                        attempts.getOrDefault(id, 0),
                        "running",
                        s.input()))));
    return all;
  }

  private static String read(Function<Payloads, String> reader, Payloads input) {
    try {
      return reader.apply(input);
    } catch (RuntimeException unreadable) {
      return null;
    }
  }

  private static void close(
      Map<Long, Activity> done,
      Map<Long, Activity> scheduled,
      Map<Long, Integer> attempts,
      long scheduledId,
      String at,
      String outcome) {
    Activity s = scheduled.get(scheduledId);
    if (s != null) {
      done.put(
          scheduledId,
          new Activity(
              s.type(),
              s.activityId(),
              s.scheduled(),
              at,
              attempts.getOrDefault(scheduledId, 1),
              outcome,
              s.input()));
    }
  }

  private static String time(HistoryEvent e) {
    return Instant.ofEpochSecond(e.getEventTime().getSeconds(), e.getEventTime().getNanos())
        .toString();
  }
}
