package dev.amends.app.reconcile;

import dev.amends.spring.api.ApiException;
import io.temporal.client.schedules.ScheduleActionExecutionStartWorkflow;
import io.temporal.client.schedules.ScheduleDescription;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** The reconciler: its latest report, a run on demand, and how it is scheduled. */
@RestController
@RequestMapping("/reconciler")
class ReconcilerController {
  private final ReconcilerRunner runs;
  private final Optional<ReconcilerSchedule> schedule;
  private final ReconcilerProperties properties;

  ReconcilerController(
      ReconcilerRunner runs,
      Optional<ReconcilerSchedule> schedule,
      ReconcilerProperties properties) {
    this.runs = runs;
    this.schedule = schedule;
    this.properties = properties;
  }

  /** The report of the latest finished run: what it found and what it did. */
  @GetMapping("/report")
  ReconcileReport latest() {
    return runs.latest()
        .orElseThrow(() -> ApiException.notFound("no reconciler run has finished yet"));
  }

  /** Starts a run now (beside the schedule); its report is at the Location. */
  @PostMapping("/runs")
  ResponseEntity<Map<String, String>> runNow() {
    String runId = runs.startNow("manual");
    String report = "/reconciler/runs/" + runId;
    return ResponseEntity.accepted()
        .location(URI.create(report))
        .body(Map.of("runId", runId, "report", report));
  }

  /** One run's report, while it runs (it answers a query) or after. */
  @GetMapping("/runs/{runId}")
  ReconcileReport run(@PathVariable String runId) {
    if (!runId.startsWith(ReconcilerWorkflow.SCHEDULE_ID)) {
      throw ApiException.notFound("no reconciler run " + runId);
    }
    return runs.report(runId);
  }

  @GetMapping("/schedule")
  Map<String, Object> schedule() {
    Map<String, Object> answer = new LinkedHashMap<>();
    answer.put("enabled", properties.enabled());
    answer.put("every", properties.every().toString());
    if (schedule.isEmpty()) {
      answer.put("kind", "embedded timer (the in-process test server has no schedules)");
      return answer;
    }
    ScheduleDescription description = schedule.get().describe();
    answer.put("kind", "Temporal Schedule");
    answer.put("scheduleId", description.getId());
    answer.put("paused", description.getSchedule().getState().isPaused());
    answer.put(
        "nextRuns",
        description.getInfo().getNextActionTimes().stream()
            .limit(3)
            .map(Object::toString)
            .toList());
    List<String> recent =
        description.getInfo().getRecentActions().stream()
            .map(a -> a.getAction())
            .filter(ScheduleActionExecutionStartWorkflow.class::isInstance)
            .map(a -> ((ScheduleActionExecutionStartWorkflow) a).getWorkflowId())
            .toList();
    answer.put("recentRuns", recent);
    return answer;
  }
}
