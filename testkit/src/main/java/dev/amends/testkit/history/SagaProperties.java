package dev.amends.testkit.history;

import dev.amends.saga.OperatorAction;
import dev.amends.saga.SagaDefinition;
import dev.amends.saga.StepSpec;
import io.temporal.api.common.v1.Payloads;
import io.temporal.api.enums.v1.EventType;
import io.temporal.api.history.v1.HistoryEvent;
import io.temporal.common.WorkflowExecutionHistory;
import io.temporal.common.converter.DataConverter;
import io.temporal.common.converter.DefaultDataConverter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * The saga properties (Garcia-Molina and Salem, 1987) checked over a recorded history, given the
 * flow's {@link SagaDefinition}:
 *
 * <ol>
 *   <li>forward steps ran in their declared order, one after the other, and none after compensation
 *       began;
 *   <li>only started steps were undone (a step cancelled before its call went out may run its undo,
 *       which must then find nothing to undo), and each at most once with effect (an undo that
 *       found nothing to undo has none);
 *   <li>every started step ends done (the saga did not compensate), undone, or settled by a
 *       recorded decision: an escalation of that step closed with RESOLVED_MANUALLY or ACCEPT_LOSS,
 *       whose decision came in a {@code resolveEscalation} signal of the history.
 * </ol>
 *
 * <p>A saga that continued as new is checked over all its runs together, first to last ({@link
 * #violations(List)}): its events are then numbered across the runs, in order.
 *
 * <p>It reads the activity scheduled / completed / failed events and the escalation signals. An
 * activity is a step's do or undo when its type, first letter lowered, is the step's name or its
 * undo's name (the SDK's default activity names); give {@link #activityNames} otherwise.
 *
 * <pre>
 * SagaProperties.of(OrderWorkflowImpl.DEFINITION).assertHold(Path.of("histories/order-x.json"));
 * </pre>
 */
public final class SagaProperties {
  private static final String ESCALATION_CLOSE = "EscalationClose";
  private static final String DECISION_SIGNAL = "resolveEscalation";
  private static final Set<EventType> CLOSING =
      Set.of(
          EventType.EVENT_TYPE_WORKFLOW_EXECUTION_COMPLETED,
          EventType.EVENT_TYPE_WORKFLOW_EXECUTION_FAILED,
          EventType.EVENT_TYPE_WORKFLOW_EXECUTION_CANCELED,
          EventType.EVENT_TYPE_WORKFLOW_EXECUTION_TERMINATED,
          EventType.EVENT_TYPE_WORKFLOW_EXECUTION_TIMED_OUT,
          EventType.EVENT_TYPE_WORKFLOW_EXECUTION_CONTINUED_AS_NEW);

  private final SagaDefinition definition;
  private Function<String, String> activityNames = SagaProperties::lowerFirst;
  private DataConverter dataConverter = DefaultDataConverter.STANDARD_INSTANCE;

  private SagaProperties(SagaDefinition definition) {
    this.definition = definition;
  }

  public static SagaProperties of(SagaDefinition definition) {
    return new SagaProperties(definition);
  }

  /** How an activity type maps to a step or undo name; default: its first letter lowered. */
  public SagaProperties activityNames(Function<String, String> activityTypeToName) {
    this.activityNames = activityTypeToName;
    return this;
  }

  /** The data converter (with its codec) that wrote the history's payloads. */
  public SagaProperties dataConverter(DataConverter converter) {
    this.dataConverter = converter;
    return this;
  }

  /** Throws naming every property the history breaks. */
  public void assertHold(WorkflowExecutionHistory history) {
    List<String> found = violations(history);
    if (!found.isEmpty()) {
      throw new AssertionError(
          "saga "
              + history.getWorkflowExecution().getWorkflowId()
              + " ("
              + definition.name()
              + ") breaks the saga properties:\n  "
              + String.join("\n  ", found));
    }
  }

  /** Throws naming the file and every property its history breaks. */
  public void assertHold(Path historyFile) {
    try {
      assertHold(WorkflowExecutionHistory.fromJson(Files.readString(historyFile)));
    } catch (AssertionError e) {
      throw new AssertionError(historyFile + ": " + e.getMessage(), e);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Throws naming the files and every property the runs they hold, taken together, break. */
  public void assertHold(List<Path> runFiles) {
    List<WorkflowExecutionHistory> runs = new ArrayList<>();
    for (Path file : runFiles) {
      try {
        runs.add(WorkflowExecutionHistory.fromJson(Files.readString(file)));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    List<String> found = violations(runs);
    if (!found.isEmpty()) {
      throw new AssertionError(
          runFiles
              + ": saga "
              + runs.get(0).getWorkflowExecution().getWorkflowId()
              + " ("
              + definition.name()
              + ") breaks the saga properties:\n  "
              + String.join("\n  ", found));
    }
  }

  /** Every property the history breaks, one sentence each naming the events; empty if none. */
  public List<String> violations(WorkflowExecutionHistory history) {
    return violations(List.of(history));
  }

  /**
   * Every property the runs of one saga break, taken together (a saga that continued as new, its
   * first run first), naming the events as numbered across the runs; empty if none.
   */
  public List<String> violations(List<WorkflowExecutionHistory> runs) {
    List<String> found = new ArrayList<>();
    Map<String, Integer> order = new HashMap<>();
    Map<String, String> undoToStep = new HashMap<>();
    List<StepSpec> steps = definition.steps();
    for (int i = 0; i < steps.size(); i++) {
      order.put(steps.get(i).name(), i);
      if (steps.get(i).hasUndo()) {
        undoToStep.put(steps.get(i).undo(), steps.get(i).name());
      }
    }

    Map<Long, Scheduled> scheduled = new HashMap<>();
    Map<String, Long> started = new LinkedHashMap<>();
    Map<String, EventType> forwardEnd = new HashMap<>();
    Map<String, Long> undoneWithEffect = new HashMap<>();
    Map<String, Long> undoEnded = new HashMap<>();
    Map<String, String> settled = new HashMap<>();
    List<Map<?, ?>> signals = new ArrayList<>();
    Map<Long, String> unscheduledUndos = new HashMap<>();
    String lastStarted = null;
    Long compensationBegan = null;
    HistoryEvent last = null;

    long offset = 0;
    for (WorkflowExecutionHistory run : runs) {
      for (HistoryEvent e : run.getEvents()) {
        last = e;
        long id = offset + e.getEventId();
        switch (e.getEventType()) {
          case EVENT_TYPE_ACTIVITY_TASK_SCHEDULED -> {
            var a = e.getActivityTaskScheduledEventAttributes();
            String type = a.getActivityType().getName();
            String name = activityNames.apply(type);
            if (order.containsKey(name)) {
              scheduled.put(id, new Scheduled(Kind.FORWARD, name, type, a.getInput()));
              if (started.containsKey(name)) {
                found.add(at(id, "forward step '" + name + "' began a second time"));
              }
              for (String other : started.keySet()) {
                if (order.get(other) > order.get(name)) {
                  found.add(
                      at(
                          id,
                          "forward step '"
                              + name
                              + "' began after '"
                              + other
                              + "', which is declared after it"));
                }
              }
              if (lastStarted != null && !forwardEnd.containsKey(lastStarted)) {
                found.add(
                    at(id, "forward step '" + name + "' began before '" + lastStarted + "' ended"));
              }
              if (compensationBegan != null) {
                found.add(
                    at(
                        id,
                        "forward step '"
                            + name
                            + "' began after compensation began (event "
                            + compensationBegan
                            + ")"));
              }
              started.putIfAbsent(name, id);
              lastStarted = name;
            } else if (undoToStep.containsKey(name)) {
              String step = undoToStep.get(name);
              scheduled.put(id, new Scheduled(Kind.UNDO, step, type, a.getInput()));
              if (compensationBegan == null) {
                compensationBegan = id;
              }
              if (!started.containsKey(step)) {
                // A step cancelled before its call was sent still ran its undo (registered first);
                // that undo must find nothing to undo, which is checked when it completes.
                unscheduledUndos.put(id, name);
              }
            } else if (type.equals(ESCALATION_CLOSE)) {
              scheduled.put(id, new Scheduled(Kind.CLOSE, null, type, a.getInput()));
            }
          }
          case EVENT_TYPE_ACTIVITY_TASK_COMPLETED -> {
            var a = e.getActivityTaskCompletedEventAttributes();
            Scheduled s = scheduled.get(offset + a.getScheduledEventId());
            if (s == null) {
              continue;
            }
            switch (s.kind) {
              case FORWARD -> forwardEnd.put(s.step, e.getEventType());
              case UNDO -> {
                undoEnded.put(s.step, id);
                boolean effect = !"NOTHING_TO_UNDO".equals(decode(a.getResult(), String.class));
                String neverStarted = unscheduledUndos.remove(offset + a.getScheduledEventId());
                if (neverStarted != null && effect) {
                  found.add(
                      at(
                          id,
                          "undo '"
                              + neverStarted
                              + "' took effect, but its step '"
                              + s.step
                              + "' never started"));
                }
                if (effect) {
                  Long before = undoneWithEffect.putIfAbsent(s.step, id);
                  if (before != null) {
                    found.add(
                        at(
                            id,
                            "step '"
                                + s.step
                                + "' was undone with effect a second time (first at event "
                                + before
                                + ")"));
                  }
                }
              }
              case CLOSE -> settle(s, id, signals, settled, found);
            }
          }
          case EVENT_TYPE_ACTIVITY_TASK_FAILED ->
              end(scheduled, forwardEnd, e, offset + scheduledId(e));
          case EVENT_TYPE_ACTIVITY_TASK_TIMED_OUT ->
              end(scheduled, forwardEnd, e, offset + scheduledId(e));
          case EVENT_TYPE_ACTIVITY_TASK_CANCELED ->
              end(scheduled, forwardEnd, e, offset + scheduledId(e));
          case EVENT_TYPE_WORKFLOW_EXECUTION_SIGNALED -> {
            var a = e.getWorkflowExecutionSignaledEventAttributes();
            if (a.getSignalName().equals(DECISION_SIGNAL)) {
              Map<?, ?> decision = decode(a.getInput(), Map.class);
              if (decision != null) {
                signals.add(decision);
              }
            }
          }
          default -> {}
        }
      }
      // The next run's events are numbered on from this run's last.
      List<HistoryEvent> events = run.getEvents();
      offset += events.isEmpty() ? 0 : events.get(events.size() - 1).getEventId();
    }

    if (last == null || !CLOSING.contains(last.getEventType())) {
      found.add(
          "the history ends before the saga did"
              + (last == null ? "" : " (last event " + offset + ")"));
      return found;
    }
    for (String undo : unscheduledUndos.values()) {
      found.add(
          "undo '" + undo + "' of a step that never started did not end finding nothing to undo");
    }
    boolean compensated =
        compensationBegan != null
            || started.keySet().stream()
                .anyMatch(n -> forwardEnd.get(n) != EventType.EVENT_TYPE_ACTIVITY_TASK_COMPLETED);
    for (Map.Entry<String, Long> step : started.entrySet()) {
      String name = step.getKey();
      StepSpec spec = definition.step(name).orElseThrow();
      if (!compensated) {
        if (forwardEnd.get(name) != EventType.EVENT_TYPE_ACTIVITY_TASK_COMPLETED) {
          found.add(
              "step '"
                  + name
                  + "' (begun at event "
                  + step.getValue()
                  + ") never completed, and the saga did not compensate");
        }
      } else if (spec.hasUndo() && !undoEnded.containsKey(name) && !settled.containsKey(name)) {
        found.add(
            "step '"
                + name
                + "' (begun at event "
                + step.getValue()
                + ") was neither undone nor settled by a recorded decision");
      }
    }
    return found;
  }

  private static long scheduledId(HistoryEvent e) {
    return switch (e.getEventType()) {
      case EVENT_TYPE_ACTIVITY_TASK_FAILED ->
          e.getActivityTaskFailedEventAttributes().getScheduledEventId();
      case EVENT_TYPE_ACTIVITY_TASK_TIMED_OUT ->
          e.getActivityTaskTimedOutEventAttributes().getScheduledEventId();
      default -> e.getActivityTaskCanceledEventAttributes().getScheduledEventId();
    };
  }

  private static void end(
      Map<Long, Scheduled> scheduled,
      Map<String, EventType> forwardEnd,
      HistoryEvent e,
      long scheduledId) {
    Scheduled s = scheduled.get(scheduledId);
    if (s != null && s.kind == Kind.FORWARD) {
      forwardEnd.put(s.step, e.getEventType());
    }
  }

  /** A completed close: the step is settled if a signal of the history carried its decision. */
  private void settle(
      Scheduled close,
      long eventId,
      List<Map<?, ?>> signals,
      Map<String, String> settled,
      List<String> found) {
    Map<?, ?> escalation = decode(close.input, Map.class);
    if (escalation == null || !(escalation.get("decision") instanceof Map<?, ?> decision)) {
      return;
    }
    String escalationId = String.valueOf(escalation.get("id"));
    String step = String.valueOf(escalation.get("step"));
    String action = String.valueOf(decision.get("action"));
    String operator = String.valueOf(decision.get("operator"));
    if (action.equals(OperatorAction.RETRY.name())) {
      return;
    }
    boolean signalled =
        signals.stream()
            .anyMatch(
                s ->
                    escalationId.equals(s.get("escalationId"))
                        && action.equals(s.get("action"))
                        && operator.equalsIgnoreCase(String.valueOf(s.get("operator"))));
    if (!signalled) {
      found.add(
          at(
              eventId,
              "escalation '"
                  + escalationId
                  + "' was closed with "
                  + action
                  + " by "
                  + operator
                  + ", but no resolveEscalation signal carried that decision"));
      return;
    }
    settled.put(step, escalationId);
  }

  private <T> T decode(Payloads payloads, Class<T> type) {
    if (payloads == null || payloads.getPayloadsCount() == 0) {
      return null;
    }
    try {
      return dataConverter.fromPayloads(0, Optional.of(payloads), type, type);
    } catch (RuntimeException unreadable) {
      return null;
    }
  }

  private static String at(long eventId, String what) {
    return "event " + eventId + ": " + what;
  }

  private static String lowerFirst(String s) {
    return s.isEmpty() ? s : Character.toLowerCase(s.charAt(0)) + s.substring(1);
  }

  private enum Kind {
    FORWARD,
    UNDO,
    CLOSE
  }

  private record Scheduled(Kind kind, String step, String type, Payloads input) {}
}
