package dev.amends.app.replay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.amends.app.order.OrderWorkflowImpl;
import io.temporal.common.WorkflowExecutionHistory;
import io.temporal.testing.WorkflowReplayer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Histories of every order-flow variant, recorded on a real Temporal server by
 * scripts/export-histories.sh, replayed against today's code: a change to the workflow's commands
 * that is not guarded by Workflow.getVersion fails here before it can strand a running saga. Each
 * folder holds the histories of one version of the code (v0: undos one at a time; v1: independent
 * undos at once, under the change id amends-parallel-undo; v2: write-offs held for an approver and
 * a decision's recording watched, under amends-operator-trust, with refused signals).
 */
class OrderWorkflowReplayTest {
  private static final Path HISTORIES = Path.of("src/test/resources/histories");

  static Stream<Path> histories() throws IOException {
    try (Stream<Path> files = Files.walk(HISTORIES)) {
      List<Path> found =
          files
              .filter(p -> p.getFileName().toString().matches("order-.*\\.json"))
              .sorted()
              .toList();
      assertThat(found).as("recorded histories, each version").hasSizeGreaterThanOrEqualTo(40);
      return found.stream();
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("histories")
  void everyRecordedHistoryReplaysOnTodaysCode(Path history) throws Exception {
    WorkflowReplayer.replayWorkflowExecution(load(history), OrderWorkflowImpl.class);
  }

  @Test
  void aChangeToTheOrderOfStepsIsCaughtByReplay() throws Exception {
    WorkflowExecutionHistory completed =
        load(HISTORIES.resolve("v1-parallel-undo/order-completed.json"));

    assertThatThrownBy(
            () ->
                WorkflowReplayer.replayWorkflowExecution(
                    completed, ReorderedOrderWorkflowImpl.class))
        .hasStackTraceContaining("NonDeterministicException");
  }

  private static WorkflowExecutionHistory load(Path history) throws IOException {
    return WorkflowExecutionHistory.fromJson(Files.readString(history));
  }
}
