package dev.amends.app.it;

import static dev.amends.app.it.Api.status;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * SIGTERM lets the step a worker is running finish and report before the process exits: the step
 * completes on its first attempt, nothing waits for its timeout, and the saga goes on in the next
 * process.
 */
class GracefulShutdownIT {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Duration STEP = Duration.ofSeconds(4);

  @Test
  void aRunningStepFinishesAndReportsBeforeTheProcessExits() throws Exception {
    String id = "graceful" + System.currentTimeMillis();
    String latency = "--amends.sandbox.latency=" + STEP.toMillis() + "ms";
    Duration exit;
    try (AmendsProcess first = new AmendsProcess(latency).start()) {
      Api service = new Api(first::baseUrl).as("service");
      assertThat(service.post("/orders", Api.order(id, "tok_visa", "1 Main St", "ana@example.com")))
          .isEqualTo(201);
      // Mid-way through a sandbox call of some step.
      Thread.sleep(STEP.toMillis() + STEP.toMillis() / 2);
      exit = first.terminate();
      assertThat(Files.readString(first.log()))
          .contains("worker stopped after its running tasks finished");
    }
    assertThat(exit)
        .as("the running step is waited for, not the timeout")
        .isLessThan(STEP.multipliedBy(3));

    try (AmendsProcess second = new AmendsProcess(latency).start()) {
      new Api(second::baseUrl)
          .as("service")
          .await("/orders/" + id, status("COMPLETED"), Duration.ofMinutes(2));
    }

    List<JsonNode> events = new ArrayList<>();
    JSON.readTree(
            TemporalCli.run("workflow", "show", "--workflow-id", "order-" + id, "--output", "json"))
        .path("events")
        .forEach(events::add);
    assertThat(events).isNotEmpty();
    assertThat(events)
        .as("no step timed out on the stopped worker")
        .noneMatch(e -> e.path("eventType").asText().contains("ACTIVITY_TASK_TIMED_OUT"));
    assertThat(events)
        .filteredOn(e -> e.path("eventType").asText().endsWith("ACTIVITY_TASK_STARTED"))
        .as("every step ran once")
        .allMatch(e -> e.path("activityTaskStartedEventAttributes").path("attempt").asInt() == 1);
  }
}
