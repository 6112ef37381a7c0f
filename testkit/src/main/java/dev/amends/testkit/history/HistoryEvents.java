package dev.amends.testkit.history;

import io.temporal.api.history.v1.HistoryEvent;

/** Short descriptions of history events, for failure messages. */
public final class HistoryEvents {
  private HistoryEvents() {}

  /** E.g. {@code ACTIVITY_TASK_SCHEDULED ReserveStock} or {@code TIMER_STARTED 3}. */
  public static String describe(HistoryEvent e) {
    String type = e.getEventType().name().replaceFirst("^EVENT_TYPE_", "");
    String detail =
        switch (e.getEventType()) {
          case EVENT_TYPE_ACTIVITY_TASK_SCHEDULED ->
              e.getActivityTaskScheduledEventAttributes().getActivityType().getName();
          case EVENT_TYPE_TIMER_STARTED -> e.getTimerStartedEventAttributes().getTimerId();
          case EVENT_TYPE_MARKER_RECORDED -> e.getMarkerRecordedEventAttributes().getMarkerName();
          case EVENT_TYPE_WORKFLOW_EXECUTION_SIGNALED ->
              e.getWorkflowExecutionSignaledEventAttributes().getSignalName();
          case EVENT_TYPE_START_CHILD_WORKFLOW_EXECUTION_INITIATED ->
              e.getStartChildWorkflowExecutionInitiatedEventAttributes()
                  .getWorkflowType()
                  .getName();
          default -> "";
        };
    return detail.isEmpty() ? type : type + " " + detail;
  }
}
