package dev.amends.app.reconcile;

import dev.amends.app.TaskQueues;
import dev.amends.spring.api.ApiException;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowNotFoundException;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowServiceException;
import java.time.Clock;
import java.util.Optional;
import org.springframework.stereotype.Service;

/** Starts reconciler runs on demand, and finds their reports. */
@Service
public class ReconcilerRunner {
  private final WorkflowClient client;
  private final ReconcileRuns stored;
  private final ReconcilerProperties properties;
  private final Clock clock;

  public ReconcilerRunner(
      WorkflowClient client, ReconcileRuns stored, ReconcilerProperties properties) {
    this.client = client;
    this.stored = stored;
    this.properties = properties;
    this.clock = Clock.systemUTC();
  }

  /** Starts a run now, beside the scheduled ones; returns its workflow id. */
  public String startNow(String trigger) {
    String runId = ReconcilerWorkflow.SCHEDULE_ID + "-" + trigger + "-" + clock.millis();
    ReconcilerWorkflow run =
        client.newWorkflowStub(
            ReconcilerWorkflow.class,
            WorkflowOptions.newBuilder()
                .setTaskQueue(TaskQueues.AMENDS)
                .setWorkflowId(runId)
                .build());
    WorkflowClient.start(run::reconcile, new ReconcileInput(properties.maxFixes()));
    return runId;
  }

  /** A run's report: asked of the run itself (running or finished), else read from the store. */
  public ReconcileReport report(String runId) {
    try {
      return client.newWorkflowStub(ReconcilerWorkflow.class, runId).report();
    } catch (WorkflowNotFoundException | WorkflowServiceException notThere) {
      return stored
          .byRunId(runId)
          .orElseThrow(() -> ApiException.notFound("no reconciler run " + runId));
    }
  }

  public Optional<ReconcileReport> latest() {
    return stored.latest();
  }
}
