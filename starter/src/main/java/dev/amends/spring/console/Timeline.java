package dev.amends.spring.console;

import dev.amends.saga.SagaState;
import dev.amends.saga.StepState;
import dev.amends.saga.StepStatus;
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
 * state; and its activities with times and attempts, from its history.
 */
record Timeline(List<Entry> entries, List<Activity> activities) {

  /** A step going forward, or its undo. */
  record Entry(
      int order,
      String phase,
      String step,
      String world,
      String status,
      String key,
      String error) {}

  /** One activity of the workflow's history. */
  record Activity(
      String type,
      String activityId,
      String scheduled,
      String closed,
      int attempts,
      String outcome) {}

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
    List<Entry> entries = new ArrayList<>();
    List<StepState> steps = state.steps();
    for (StepState s : steps) {
      String forward = BACKWARD.contains(s.status()) ? "DONE" : s.status().name();
      entries.add(
          new Entry(
              entries.size() + 1,
              "do",
              s.name(),
              s.world().level(),
              forward,
              s.doKey(),
              BACKWARD.contains(s.status()) ? null : s.error()));
    }
    for (int i = steps.size() - 1; i >= 0; i--) {
      StepState s = steps.get(i);
      if (BACKWARD.contains(s.status())) {
        entries.add(
            new Entry(
                entries.size() + 1,
                "undo",
                s.name(),
                s.world().level(),
                s.status().name(),
                s.undoKey(),
                s.error()));
      }
    }
    return new Timeline(entries, activities);
  }

  static List<Activity> activities(List<HistoryEvent> events) {
    return activities(events, Failure::getMessage);
  }

  /**
   * With the message of a failure as the describer reads it: from the history as stored, a failure
   * encrypted by the codec says only "Encoded failure".
   */
  static List<Activity> activities(List<HistoryEvent> events, Function<Failure, String> describer) {
    Map<Long, String[]> scheduled = new LinkedHashMap<>();
    Map<Long, Activity> done = new LinkedHashMap<>();
    Map<Long, Integer> attempts = new LinkedHashMap<>();
    for (HistoryEvent e : events) {
      String at = time(e);
      if (e.hasActivityTaskScheduledEventAttributes()) {
        var a = e.getActivityTaskScheduledEventAttributes();
        scheduled.put(
            e.getEventId(), new String[] {a.getActivityType().getName(), a.getActivityId(), at});
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
                        s[0], s[1], s[2], null, attempts.getOrDefault(id, 0), "running"))));
    return all;
  }

  private static void close(
      Map<Long, Activity> done,
      Map<Long, String[]> scheduled,
      Map<Long, Integer> attempts,
      long scheduledId,
      String at,
      String outcome) {
    String[] s = scheduled.get(scheduledId);
    if (s != null) {
      done.put(
          scheduledId,
          new Activity(s[0], s[1], s[2], at, attempts.getOrDefault(scheduledId, 1), outcome));
    }
  }

  private static String time(HistoryEvent e) {
    return Instant.ofEpochSecond(e.getEventTime().getSeconds(), e.getEventTime().getNanos())
        .toString();
  }
}
