package dev.amends.app.replay;

import static org.assertj.core.api.Assertions.assertThat;

import dev.amends.app.reconcile.DriftEscalationWorkflowImpl;
import dev.amends.app.reconcile.ReconcilerWorkflowImpl;
import io.temporal.common.WorkflowExecutionHistory;
import io.temporal.testing.WorkflowReplayer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Histories of the reconciler and its drift escalations, recorded on a real Temporal server by
 * scripts/export-reconciler-histories.sh, replayed against today's code: reconciler runs (nothing
 * to do; settling and escalating every kind of drift; finding escalations open; after settlements)
 * and escalations settled each way.
 */
class ReconcilerReplayTest {
  private static final Path HISTORIES = Path.of("src/test/resources/histories");

  static Stream<Path> histories() throws IOException {
    try (Stream<Path> files = Files.walk(HISTORIES)) {
      List<Path> found =
          files
              .filter(p -> p.getFileName().toString().matches("(reconciler|drift)-.*\\.json"))
              .sorted()
              .toList();
      assertThat(found)
          .as("recorded reconciler and drift histories")
          .hasSizeGreaterThanOrEqualTo(16);
      return found.stream();
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("histories")
  void everyRecordedHistoryReplaysOnTodaysCode(Path history) throws Exception {
    WorkflowExecutionHistory recorded =
        WorkflowExecutionHistory.fromJson(Files.readString(history));
    Class<?> implementation =
        history.getFileName().toString().startsWith("drift-")
            ? DriftEscalationWorkflowImpl.class
            : ReconcilerWorkflowImpl.class;
    WorkflowReplayer.replayWorkflowExecution(recorded, implementation);
  }
}
