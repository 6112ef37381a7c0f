package dev.amends.app.replay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.amends.app.order.OrderWorkflowImpl;
import dev.amends.app.reconcile.DriftEscalationWorkflowImpl;
import dev.amends.app.reconcile.ReconcilerWorkflowImpl;
import dev.amends.app.story.StoryWorkflowImpl;
import dev.amends.spring.codec.AesGcmPayloadCodec;
import dev.amends.spring.codec.KeyRing;
import dev.amends.testkit.replay.HistoryReplay;
import dev.amends.testkit.replay.ReplayFailure;
import dev.amends.testkit.replay.ReplayReport;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every history recorded on a real Temporal server, replayed against today's code in one call: a
 * change to a workflow's commands that is not guarded by Workflow.getVersion fails here, naming the
 * history and the event, before it can strand a running saga. Each folder holds the histories of
 * one version of the code:
 *
 * <ul>
 *   <li>order flow (scripts/export-histories.sh): v0 undos one at a time; v1 independent undos at
 *       once, under the change id amends-parallel-undo; v2 write-offs held for an approver and a
 *       decision's recording watched, under amends-operator-trust, with refused signals; v3 each
 *       run of sagas that waited long enough to continue as new, under amends-long-wait (recorded
 *       on the test server by LongWaitTest with -Damends.recordLongWaitTo=...);
 *   <li>story writer (scripts/export-story-histories.sh): held, discarded, undone, nothing undone,
 *       beyond the depth, rollbacks, each run of a writer that continued as new;
 *   <li>reconciler and drift escalations (scripts/export-reconciler-histories.sh); v3 the first,
 *       second and last runs of a drift escalation that continued as new while it waited (recorded
 *       on the test server by DriftEscalationWorkflowTest with -Damends.recordLongWaitTo=...).
 * </ul>
 */
class RecordedHistoriesReplayTest {
  private static final Path HISTORIES = Path.of("src/test/resources/histories");

  @Test
  void everyRecordedHistoryReplaysOnTodaysCode_throughTheCodec() throws IOException {
    // Through the codec the application encrypts with: these histories were recorded before
    // payloads were encrypted, and must replay alongside those recorded after.
    ReplayReport report =
        HistoryReplay.of(
                OrderWorkflowImpl.class,
                StoryWorkflowImpl.class,
                ReconcilerWorkflowImpl.class,
                DriftEscalationWorkflowImpl.class)
            .codec(new AesGcmPayloadCodec(KeyRing.ephemeral()))
            .replayAll(HISTORIES);

    assertThat(report.replayed()).isEqualTo(count(".*\\.json"));
    assertThat(count("order-.*\\.json"))
        .as("order histories, each version")
        .isGreaterThanOrEqualTo(40);
    assertThat(count("order-.*-after-continue-as-new-run\\d+\\.json"))
        .as("runs of order sagas that continued as new")
        .isGreaterThanOrEqualTo(6);
    assertThat(count("story-.*\\.json")).as("story histories").isGreaterThanOrEqualTo(11);
    assertThat(count("(reconciler|drift)-.*\\.json"))
        .as("reconciler and drift histories")
        .isGreaterThanOrEqualTo(16);
  }

  @Test
  void aChangeToTheOrderOfStepsIsCaught_namingTheHistoryAndTheEvent() {
    ReplayReport report =
        HistoryReplay.of(ReorderedOrderWorkflowImpl.class)
            .replay(List.of(HISTORIES.resolve("v1-parallel-undo/order-completed.json")));

    assertThat(report.failures())
        .singleElement()
        .satisfies(
            f -> {
              assertThat(f.file().toString()).endsWith("v1-parallel-undo/order-completed.json");
              assertThat(f.divergedAt()).startsWith("event ").contains("ACTIVITY_TASK_SCHEDULED");
              assertThat(f.reason()).contains("NonDeterministicException");
            });
    assertThatThrownBy(report::assertAllReplayed)
        .hasMessageContaining("order-completed.json")
        .hasMessageContaining("diverged at event")
        .hasStackTraceContaining("NonDeterministicException");
  }

  @Test
  void aWriterThatDiscardsInsteadOfCompensatingIsCaughtByReplay() {
    ReplayReport report =
        HistoryReplay.of(DiscardingStoryWorkflowImpl.class)
            .replay(List.of(HISTORIES.resolve("story-v1/story-undone.json")));

    assertThat(report.failures())
        .extracting(ReplayFailure::reason)
        .singleElement()
        .asString()
        .contains("NonDeterministicException");
  }

  @Test
  void aHistoryOfAWorkflowTypeNobodyImplementsIsNamed() {
    ReplayReport report =
        HistoryReplay.of(StoryWorkflowImpl.class)
            .replay(List.of(HISTORIES.resolve("v0-sequential-undo/order-completed.json")));

    assertThat(report.failures())
        .singleElement()
        .satisfies(f -> assertThat(f.reason()).contains("'OrderWorkflow' is implemented by none"));
  }

  private static long count(String fileName) throws IOException {
    try (Stream<Path> files = Files.walk(HISTORIES)) {
      return files.filter(p -> p.getFileName().toString().matches(fileName)).count();
    }
  }
}
