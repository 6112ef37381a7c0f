package dev.amends.app.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The reconciler as it runs for real: a Temporal Schedule on the dev server, created when the
 * application starts and kept as configured, whose runs refund a charge made outside amends and
 * escalate a mismatch that an operator settles from the Temporal CLI; the ledger on PostgreSQL
 * verified by the verify-ledger command.
 */
class ReconcilerIT {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String RUN = "rc" + System.currentTimeMillis();
  private AmendsProcess amends;

  @AfterEach
  void stop() throws Exception {
    if (amends != null) {
      amends.close();
    }
  }

  private AmendsProcess start(String every) throws Exception {
    if (amends != null) {
      amends.close();
    }
    amends =
        new AmendsProcess("--amends.reconciler.every=" + every, "--amends.undo-maximum-attempts=2")
            .start();
    return amends;
  }

  private static JsonNode schedule() throws Exception {
    return JSON.readTree(
        TemporalCli.run(
            "schedule", "describe", "--schedule-id", "amends-reconciler", "-o", "json"));
  }

  private static String interval(JsonNode schedule) {
    return schedule.at("/schedule/spec/interval/0/interval").asText();
  }

  /** What this start did to the schedule: it says so once the application is ready. */
  private String scheduleLog() throws Exception {
    for (int i = 0; i < 120; i++) {
      String line =
          Files.readAllLines(amends.log()).stream()
              .filter(l -> l.contains("reconciler schedule amends-reconciler"))
              .reduce((a, b) -> b)
              .orElse("");
      if (!line.isEmpty()) {
        return line;
      }
      Thread.sleep(250);
    }
    throw new AssertionError(
        "the application never said what it did to the schedule:\n" + amends.tail());
  }

  @Test
  void theScheduleIsCreatedOnceAndKeptAsConfigured_andAPausedScheduleStaysPaused()
      throws Exception {
    try {
      TemporalCli.run("schedule", "delete", "--schedule-id", "amends-reconciler");
    } catch (IllegalStateException none) {
      // No schedule yet: a fresh server.
    }

    start("7s");
    assertThat(scheduleLog()).contains("created");
    assertThat(interval(schedule())).isEqualTo("7s");

    TemporalCli.run(
        "schedule", "toggle", "--schedule-id", "amends-reconciler", "--pause", "--reason", "it");
    try {
      start("7s");
      assertThat(scheduleLog()).contains("unchanged");
      assertThat(schedule().at("/schedule/state/paused").asBoolean()).isTrue();

      start("1h");
      assertThat(scheduleLog()).contains("updated");
      JsonNode updated = schedule();
      assertThat(interval(updated)).isEqualTo("3600s");
      assertThat(updated.at("/schedule/state/paused").asBoolean()).as("still paused").isTrue();
      assertThat(TemporalCli.run("schedule", "list")).containsOnlyOnce("amends-reconciler");
    } finally {
      unpause();
    }
  }

  private static void unpause() throws Exception {
    TemporalCli.run(
        "schedule", "toggle", "--schedule-id", "amends-reconciler", "--unpause", "--reason", "it");
  }

  @Test
  void scheduledRunsRefundAnOutsideChargeAndEscalateAMismatchThatTheCliSettles() throws Exception {
    start("3s");
    unpause();
    Api api = new Api(amends::baseUrl);
    Api service = api.as("service");
    Api operator = api.as("operator");
    Api admin = api.as("admin");
    String walkIn = RUN + "-walk-in";
    assertThat(
            admin.post(
                "/sandbox/payments",
                "{\"orderId\": \"" + walkIn + "\", \"amountMinor\": 4200, \"currency\": \"USD\"}"))
        .isEqualTo(201);

    // No run is asked for: the schedule's next run finds the charge and refunds it.
    admin.await(
        "/sandbox/orders/" + walkIn, r -> r.get("payments").size() == 2, Duration.ofSeconds(60));
    JsonNode report =
        operator.await(
            "/reconciler/report",
            r -> r.get("actions").findValuesAsText("action").contains("REFUNDED"),
            Duration.ofSeconds(30));
    assertThat(report.get("runId").asText()).startsWith("amends-reconciler-20");

    String order = RUN + "-mismatch";
    service.post("/orders", Api.order(order, "tok_visa", "1 Main St", "ana@example.com"));
    service.await("/orders/" + order, Api.status("COMPLETED"), Duration.ofSeconds(60));
    try (Connection db = DriverManager.getConnection(RealParts.dbUrl(), "amends", "amends")) {
      db.createStatement()
          .executeUpdate(
              "UPDATE sandbox_payment SET amount_minor = amount_minor + 100 WHERE order_id = '"
                  + order
                  + "'");
    }
    String chargeId =
        admin.get("/sandbox/orders/" + order).get("payments").get(0).get("paymentId").asText();
    String escalation = "drift-payment-provider-" + chargeId;
    awaitListed("SagaStatus=\"NEEDS_OPERATOR\"", escalation);

    TemporalCli.run(
        "workflow",
        "signal",
        "--workflow-id",
        escalation,
        "--name",
        "resolveEscalation",
        "--input",
        "{\"escalationId\": \"reconcile-1\", \"action\": \"ACCEPT_LOSS\", \"operator\": \"cli-operator\","
            + " \"note\": \"customer keeps the difference\"}");
    // A write-off is a request until a second person approves it.
    operator.await("/sagas/" + escalation, Api.status("AWAITING_APPROVAL"), Duration.ofSeconds(30));
    awaitListed("SagaStatus=\"AWAITING_APPROVAL\"", escalation);
    TemporalCli.run(
        "workflow",
        "signal",
        "--workflow-id",
        escalation,
        "--name",
        "resolveEscalation",
        "--input",
        "{\"escalationId\": \"reconcile-1\", \"action\": \"APPROVE\", \"operator\": \"cli-approver\"}");
    operator.await(
        "/sagas/" + escalation, Api.status("COMPENSATED_WITH_OPERATOR"), Duration.ofSeconds(30));
    JsonNode ledger = operator.get("/ledger/entries?sagaId=order-" + order);
    assertThat(ledger.findValuesAsText("phase")).endsWith("WRITTEN_OFF");
    assertThat(ledger.get(ledger.size() - 1).get("note").asText())
        .contains("cli-operator, approved by cli-approver");

    // Later runs leave the settled charge alone and open nothing new. A run already under way
    // when the write-off was approved may still list it, so judge a run that began after it.
    String current = operator.get("/reconciler/report").get("runId").asText();
    JsonNode next =
        operator.await(
            "/reconciler/report",
            r -> !r.get("runId").asText().equals(current),
            Duration.ofSeconds(60));
    JsonNode later =
        operator.await(
            "/reconciler/report",
            r -> !r.get("runId").asText().equals(next.get("runId").asText()),
            Duration.ofSeconds(60));
    assertThat(later.get("actions").findValuesAsText("driftId"))
        .doesNotContain("payment-provider:" + chargeId);
    assertThat(verifyLedger()).contains("INTACT");
  }

  /** The verify-ledger command, as an operator runs it against the real database. */
  private static String verifyLedger() throws Exception {
    Path root = Path.of("..").toAbsolutePath().normalize();
    Process p =
        new ProcessBuilder("bash", "scripts/verify-ledger.sh", "--url=" + RealParts.dbUrl())
            .directory(root.toFile())
            .redirectErrorStream(true)
            .start();
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.exitValue()).as(out).isZero();
    return out;
  }

  private static void awaitListed(String query, String workflowId) throws Exception {
    for (int i = 0; i < 120; i++) {
      if (TemporalCli.run("workflow", "list", "--query", query).contains(workflowId)) {
        return;
      }
      Thread.sleep(500);
    }
    throw new AssertionError(workflowId + " never listed by " + query);
  }
}
