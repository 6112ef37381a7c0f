package dev.amends.examples.trip.replay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.amends.examples.trip.flow.TripWorkflowImpl;
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
 * Histories of every path of the trip flow, recorded on the in-process test server by {@link
 * RecordTripHistories}, replayed against today's code: a change to the flow's commands that is not
 * guarded by Workflow.getVersion fails here before it can strand a running trip.
 */
class TripWorkflowReplayTest {
  private static final Path HISTORIES = Path.of("src/test/resources/histories");

  static Stream<Path> histories() throws IOException {
    try (Stream<Path> files = Files.walk(HISTORIES)) {
      List<Path> found =
          files.filter(p -> p.getFileName().toString().endsWith(".json")).sorted().toList();
      assertThat(found).as("recorded histories").hasSizeGreaterThanOrEqualTo(5);
      return found.stream();
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("histories")
  void everyRecordedHistoryReplaysOnTodaysCode(Path history) throws Exception {
    WorkflowReplayer.replayWorkflowExecution(load(history), TripWorkflowImpl.class);
  }

  @Test
  void bookingTheCarBeforeTheHotelIsCaughtByReplay() throws Exception {
    WorkflowExecutionHistory completed = load(HISTORIES.resolve("trip-v1/trip-completed.json"));

    assertThatThrownBy(
            () ->
                WorkflowReplayer.replayWorkflowExecution(
                    completed, ReorderedTripWorkflowImpl.class))
        .hasStackTraceContaining("NonDeterministicException");
  }

  private static WorkflowExecutionHistory load(Path history) throws IOException {
    return WorkflowExecutionHistory.fromJson(Files.readString(history));
  }
}
