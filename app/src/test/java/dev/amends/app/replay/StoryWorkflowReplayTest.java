package dev.amends.app.replay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.amends.app.story.StoryWorkflowImpl;
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
 * Histories of every story-writer variant, recorded on a real Temporal server by
 * scripts/export-story-histories.sh (held, discarded, undone, nothing undone, beyond the depth,
 * rollbacks, each run of a writer that continued as new), replayed against today's code.
 */
class StoryWorkflowReplayTest {
  private static final Path HISTORIES = Path.of("src/test/resources/histories");

  static Stream<Path> histories() throws IOException {
    try (Stream<Path> files = Files.walk(HISTORIES)) {
      List<Path> found =
          files
              .filter(p -> p.getFileName().toString().matches("story-.*\\.json"))
              .sorted()
              .toList();
      assertThat(found).as("recorded story histories").hasSizeGreaterThanOrEqualTo(11);
      return found.stream();
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("histories")
  void everyRecordedHistoryReplaysOnTodaysCode(Path history) throws Exception {
    WorkflowReplayer.replayWorkflowExecution(load(history), StoryWorkflowImpl.class);
  }

  @Test
  void aWriterThatDiscardsInsteadOfCompensatingIsCaughtByReplay() throws Exception {
    WorkflowExecutionHistory undone = load(HISTORIES.resolve("story-v1/story-undone.json"));

    assertThatThrownBy(
            () ->
                WorkflowReplayer.replayWorkflowExecution(undone, DiscardingStoryWorkflowImpl.class))
        .hasStackTraceContaining("NonDeterministicException");
  }

  private static WorkflowExecutionHistory load(Path history) throws IOException {
    return WorkflowExecutionHistory.fromJson(Files.readString(history));
  }
}
