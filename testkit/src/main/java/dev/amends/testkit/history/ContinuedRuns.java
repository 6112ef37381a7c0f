package dev.amends.testkit.history;

import io.temporal.client.WorkflowClient;
import io.temporal.common.WorkflowExecutionHistory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The runs of a workflow that continued as new, for tests of long waits: each run's history, and a
 * way to keep them as recorded histories for replay tests.
 */
public final class ContinuedRuns {
  private ContinuedRuns() {}

  /** Every run of the workflow, oldest first, followed back from its latest run. */
  public static List<WorkflowExecutionHistory> of(WorkflowClient client, String workflowId) {
    List<WorkflowExecutionHistory> runs = new ArrayList<>();
    String runId = client.newUntypedWorkflowStub(workflowId).describe().getExecution().getRunId();
    while (!runId.isEmpty()) {
      WorkflowExecutionHistory run = client.fetchHistory(workflowId, runId);
      runs.add(0, run);
      runId =
          run.getEvents()
              .get(0)
              .getWorkflowExecutionStartedEventAttributes()
              .getContinuedExecutionRunId();
    }
    return runs;
  }

  /** Writes each run as {@code <name>-run<n>.json} (n from 1) into the folder, as JSON. */
  public static void write(List<WorkflowExecutionHistory> runs, Path folder, String name)
      throws IOException {
    Files.createDirectories(folder);
    for (int i = 0; i < runs.size(); i++) {
      Files.writeString(
          folder.resolve(name + "-run" + (i + 1) + ".json"), runs.get(i).toJson(true));
    }
  }
}
