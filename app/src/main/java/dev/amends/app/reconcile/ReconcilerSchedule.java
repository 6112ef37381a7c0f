package dev.amends.app.reconcile;

import dev.amends.app.TaskQueues;
import io.temporal.api.enums.v1.ScheduleOverlapPolicy;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.schedules.Schedule;
import io.temporal.client.schedules.ScheduleActionStartWorkflow;
import io.temporal.client.schedules.ScheduleAlreadyRunningException;
import io.temporal.client.schedules.ScheduleClient;
import io.temporal.client.schedules.ScheduleDescription;
import io.temporal.client.schedules.ScheduleIntervalSpec;
import io.temporal.client.schedules.ScheduleOptions;
import io.temporal.client.schedules.SchedulePolicy;
import io.temporal.client.schedules.ScheduleSpec;
import io.temporal.client.schedules.ScheduleUpdate;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Keeps the reconciler's Temporal Schedule as configured, each time the application starts: it
 * creates the schedule when there is none, updates its interval when the configuration changed, and
 * otherwise leaves it alone (a paused schedule stays paused). Many instances starting at once end
 * with one schedule.
 */
@Component
@ConditionalOnProperty(
    prefix = "spring.temporal.test-server",
    name = "enabled",
    havingValue = "false",
    matchIfMissing = true)
public class ReconcilerSchedule {
  private static final Logger log = LoggerFactory.getLogger(ReconcilerSchedule.class);

  /** What starting the application did to the schedule. */
  public enum Outcome {
    CREATED,
    UPDATED,
    UNCHANGED,
    DISABLED
  }

  private final ScheduleClient schedules;
  private final ReconcilerProperties properties;

  public ReconcilerSchedule(ScheduleClient schedules, ReconcilerProperties properties) {
    this.schedules = schedules;
    this.properties = properties;
  }

  @EventListener(ApplicationReadyEvent.class)
  public Outcome ensure() {
    if (!properties.enabled()) {
      log.info("reconciler schedule not managed: amends.reconciler.enabled=false");
      return Outcome.DISABLED;
    }
    Schedule wanted = desired();
    try {
      schedules.createSchedule(
          ReconcilerWorkflow.SCHEDULE_ID, wanted, ScheduleOptions.newBuilder().build());
      log.info(
          "reconciler schedule {} created: every {}",
          ReconcilerWorkflow.SCHEDULE_ID,
          properties.every());
      return Outcome.CREATED;
    } catch (ScheduleAlreadyRunningException exists) {
      AtomicReference<Outcome> outcome = new AtomicReference<>(Outcome.UNCHANGED);
      schedules
          .getHandle(ReconcilerWorkflow.SCHEDULE_ID)
          .update(
              input -> {
                Schedule current = input.getDescription().getSchedule();
                if (everies(current).equals(everies(wanted))) {
                  return null;
                }
                outcome.set(Outcome.UPDATED);
                // Only the interval is ours to change; state (paused, notes) stays as operators set
                // it.
                return new ScheduleUpdate(
                    Schedule.newBuilder(current).setSpec(wanted.getSpec()).build());
              });
      log.info(
          "reconciler schedule {} {}: every {}",
          ReconcilerWorkflow.SCHEDULE_ID,
          outcome.get().name().toLowerCase(),
          properties.every());
      return outcome.get();
    }
  }

  /** The intervals alone: the server fills in a zero offset the request left out. */
  private static List<Duration> everies(Schedule schedule) {
    return schedule.getSpec().getIntervals().stream().map(ScheduleIntervalSpec::getEvery).toList();
  }

  public ScheduleDescription describe() {
    return schedules.getHandle(ReconcilerWorkflow.SCHEDULE_ID).describe();
  }

  private Schedule desired() {
    return Schedule.newBuilder()
        .setAction(
            ScheduleActionStartWorkflow.newBuilder()
                .setWorkflowType(ReconcilerWorkflow.class)
                .setOptions(
                    WorkflowOptions.newBuilder()
                        // The schedule appends the scheduled time: amends-reconciler-2026-...
                        .setWorkflowId(ReconcilerWorkflow.SCHEDULE_ID)
                        .setTaskQueue(TaskQueues.AMENDS)
                        .build())
                .setArguments(new ReconcileInput(properties.maxFixes()))
                .build())
        .setSpec(
            ScheduleSpec.newBuilder()
                .setIntervals(List.of(new ScheduleIntervalSpec(properties.every())))
                .build())
        .setPolicy(
            SchedulePolicy.newBuilder()
                // A run still going when the next is due makes the next one needless.
                .setOverlap(ScheduleOverlapPolicy.SCHEDULE_OVERLAP_POLICY_SKIP)
                .setCatchupWindow(properties.every())
                .build())
        .build();
  }
}
