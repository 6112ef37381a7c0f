package dev.amends.testkit;

import static dev.amends.testkit.SagaOutcomeAssert.assertThatSaga;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.amends.saga.ProbeWorkflow;
import dev.amends.testkit.replay.HistoryReplay;
import dev.amends.testkit.replay.ReplayReport;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The environment runs a saga with the in-memory escalations; its history replays from a folder.
 */
class SagaTestEnvironmentTest {

  @Test
  void aSagaRunsInTheEnvironment_andItsHistoriesReplayFromAFolder(@TempDir Path folder)
      throws IOException {
    ProbeWorkflow.RecordingSteps steps = new ProbeWorkflow.RecordingSteps();
    try (SagaTestEnvironment env =
        SagaTestEnvironment.builder()
            .workflows(ProbeWorkflow.Impl.class)
            .activities(steps)
            .start()) {
      assertThat(env.newWorkflow(ProbeWorkflow.class, "probe-1").run("c")).isEqualTo("compensated");
      assertThat(env.newWorkflow(ProbeWorkflow.class, "probe-2").run("none")).isEqualTo("done");

      assertThatSaga(env.driver().state("probe-1"))
          .isCompensatedWithoutOperator()
          .failedAt("c")
          .hasUndoneExactly("a", "b", "c")
          .hasNoOpenEscalation();
      assertThatSaga(env.driver().state("probe-2")).isCompleted();
      assertThatThrownBy(() -> assertThatSaga(env.driver().state("probe-2")).isCompensated())
          .hasMessageContaining("to be compensated but it is COMPLETED");
      assertThat(env.escalations().opened).isEmpty();

      for (String id : new String[] {"probe-1", "probe-2"}) {
        for (int copy = 0; copy < 3; copy++) {
          Files.writeString(
              folder.resolve(id + "-" + copy + ".json"),
              env.client().fetchHistory(id).toJson(true));
        }
      }
    }

    ReplayReport report = HistoryReplay.replayAll(folder, ProbeWorkflow.Impl.class);
    assertThat(report.replayed()).isEqualTo(6);
    assertThat(HistoryReplay.of(ProbeWorkflow.Impl.class).parallelism(1).run(folder).replayed())
        .isEqualTo(6);
  }
}
