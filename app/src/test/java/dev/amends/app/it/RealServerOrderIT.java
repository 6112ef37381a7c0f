package dev.amends.app.it;

import static dev.amends.app.it.Api.status;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The order flows on a real Temporal server and PostgreSQL, operated from the Temporal CLI. */
class RealServerOrderIT {
  private static final String RUN = "rs" + System.currentTimeMillis();
  private static AmendsProcess amends;
  private static Api service;
  private static Api admin;
  private static Api operator;

  @BeforeAll
  static void start() throws Exception {
    amends = new AmendsProcess("--amends.undo-maximum-attempts=2").start();
    Api api = new Api(amends::baseUrl);
    service = api.as("service");
    admin = api.as("admin");
    operator = api.as("operator");
  }

  @AfterAll
  static void stop() throws Exception {
    amends.close();
  }

  @Test
  void anOrderCompletesOnTheRealServer() throws Exception {
    String id = RUN + "-ok";
    assertThat(service.post("/orders", Api.order(id, "tok_visa", "1 Main St", "ana@example.com")))
        .isEqualTo(201);

    service.await("/orders/" + id, status("COMPLETED"), Duration.ofSeconds(60));
    assertThat(TemporalCli.run("workflow", "describe", "--workflow-id", "order-" + id))
        .containsPattern("(?i)status\\s+completed");
  }

  @Test
  void aRawHistoryExportNamesNoneOfTheCustomersData_throughTheCodecServerItShowsThem()
      throws Exception {
    String id = RUN + "-private";
    String email = "zoe.private@" + RUN + ".example.org";
    String line1 = "42 UNDELIVERABLE Hidden Lane";
    String card = "tok_refund_blocked";
    service.post("/orders", Api.order(id, card, line1, email));
    service.await("/orders/" + id, status("NEEDS_OPERATOR"), Duration.ofSeconds(60));

    // As anyone with access to the server exports it: no codec.
    String raw = TemporalCli.run("workflow", "show", "--workflow-id", "order-" + id, "-o", "json");
    assertThat(Exported.readable(raw))
        .contains("binary/encrypted")
        .doesNotContain(email, line1, card, "1000-001");

    // An operator, through the codec server, sees them.
    String decoded =
        TemporalCli.run(
            "workflow",
            "show",
            "--workflow-id",
            "order-" + id,
            "-o",
            "json",
            "--codec-endpoint",
            amends.baseUrl() + "/codec",
            "--codec-auth",
            "Bearer " + ItTokens.forUser("operator"));
    assertThat(Exported.readable(decoded)).contains(email, line1, card);

    // Others are refused (403): the CLI gives up decoding and the export fails, showing nothing.
    assertThatThrownBy(
            () ->
                TemporalCli.run(
                    "workflow",
                    "show",
                    "--workflow-id",
                    "order-" + id,
                    "-o",
                    "json",
                    "--codec-endpoint",
                    amends.baseUrl() + "/codec",
                    "--codec-auth",
                    "Bearer " + ItTokens.forUser("service")))
        .hasMessageContaining("failed")
        .hasMessageNotContaining(email);
    assertThat(service.get("/orders/" + id).toString()).doesNotContain(email, line1, card);
  }

  @Test
  void anOrderCompensatesAndItsStatusIsSearchable() throws Exception {
    String id = RUN + "-comp";
    service.post("/orders", Api.order(id, "tok_visa", "7 UNDELIVERABLE Rd", "ana@example.com"));

    JsonNode state = service.await("/orders/" + id, status("COMPENSATED"), Duration.ofSeconds(60));
    assertThat(state.get("failedStep").asText()).isEqualTo("createShipment");
    awaitListed("WorkflowId=\"order-" + id + "\" AND SagaStatus=\"COMPENSATED\"", "order-" + id);
  }

  @Test
  void anEscalationIsFoundAndSettledFromTheTemporalCli() throws Exception {
    String id = RUN + "-esc";
    service.post(
        "/orders", Api.order(id, "tok_refund_blocked", "7 UNDELIVERABLE Rd", "ana@example.com"));
    service.await("/orders/" + id, status("NEEDS_OPERATOR"), Duration.ofSeconds(60));

    awaitListed("SagaStatus=\"NEEDS_OPERATOR\"", "order-" + id);

    TemporalCli.run(
        "workflow",
        "signal",
        "--workflow-id",
        "order-" + id,
        "--name",
        "resolveEscalation",
        "--input",
        "\"approve it\"");
    service.await(
        "/orders/" + id, s -> s.get("rejectedDecisions").size() == 1, Duration.ofSeconds(30));

    admin.post("/sandbox/heal", "{\"orderId\": \"" + id + "\", \"system\": \"payments\"}");
    TemporalCli.run(
        "workflow",
        "signal",
        "--workflow-id",
        "order-" + id,
        "--name",
        "resolveEscalation",
        "--input",
        "{\"escalationId\": \"chargeCard-1\", \"action\": \"RETRY\", \"operator\": \"cli-operator\"}");

    JsonNode state =
        service.await("/orders/" + id, status("COMPENSATED_WITH_OPERATOR"), Duration.ofSeconds(60));
    assertThat(state.get("escalations").get(0).get("decision").get("operator").asText())
        .isEqualTo("cli-operator");
    assertThat(state.get("rejectedDecisions").get(0).get("reason").asText())
        .contains("JSON object");
    JsonNode payments = admin.get("/sandbox/orders/" + id).get("payments");
    assertThat(payments.findValuesAsText("kind")).containsExactly("CHARGE", "REFUND");
    awaitListed(
        "WorkflowId=\"order-" + id + "\" AND SagaStatus=\"COMPENSATED_WITH_OPERATOR\"",
        "order-" + id);
  }

  @Test
  void badDecisionsAndASelfApprovalSentFromTheCliAreRejected_andTheSagaGoesOnWaiting()
      throws Exception {
    String id = RUN + "-trust";
    String workflowId = "order-" + id;
    service.post(
        "/orders", Api.order(id, "tok_refund_blocked", "7 UNDELIVERABLE Rd", "ana@example.com"));
    service.await("/orders/" + id, status("NEEDS_OPERATOR"), Duration.ofSeconds(60));

    signal(workflowId, decision("RETRY", "o".repeat(300), null));
    signal(workflowId, decision("RESOLVED_MANUALLY", "ana", "refunded\\u0000"));
    signal(workflowId, decision("RESOLVED_MANUALLY", "ana", "n".repeat(5_000)));
    TemporalCli.run(
        "workflow",
        "signal",
        "--workflow-id",
        workflowId,
        "--name",
        "resolveEscalation",
        "--input",
        "RETRY please",
        "--input-meta",
        "encoding=binary/plain");
    JsonNode refused =
        service.await(
            "/orders/" + id, s -> s.get("rejectedDecisions").size() == 4, Duration.ofSeconds(30));
    assertThat(refused.get("rejectedDecisions").findValuesAsText("reason"))
        .satisfiesExactly(
            r -> assertThat(r).contains("operator is longer than 100"),
            r -> assertThat(r).contains("control character (U+0000)"),
            r -> assertThat(r).contains("note is longer than 2000"),
            r -> assertThat(r).contains("binary/plain"));
    assertThat(refused.get("status").asText()).isEqualTo("NEEDS_OPERATOR");

    signal(workflowId, decision("ACCEPT_LOSS", "ana", "customer kept the goods"));
    service.await("/orders/" + id, status("AWAITING_APPROVAL"), Duration.ofSeconds(30));
    signal(workflowId, decision("APPROVE", "ana", null));
    JsonNode waiting =
        service.await(
            "/orders/" + id, s -> s.get("rejectedDecisions").size() == 5, Duration.ofSeconds(30));
    assertThat(waiting.get("rejectedDecisions").get(4).get("reason").asText())
        .contains("cannot approve it: a second person must");
    assertThat(waiting.get("status").asText()).isEqualTo("AWAITING_APPROVAL");
    awaitListed(
        "WorkflowId=\"" + workflowId + "\" AND SagaStatus=\"AWAITING_APPROVAL\"", workflowId);

    signal(workflowId, decision("APPROVE", "bo", "within policy"));
    service.await("/orders/" + id, status("COMPENSATED_WITH_OPERATOR"), Duration.ofSeconds(60));
    JsonNode closed = null;
    for (JsonNode e : operator.get("/escalations?status=all")) {
      if (e.get("sagaId").asText().equals(workflowId)) {
        closed = e;
      }
    }
    assertThat(closed.get("decisionOperator").asText()).isEqualTo("ana");
    assertThat(closed.get("decisionApprovedBy").asText()).isEqualTo("bo");
    assertThat(closed.get("decisionChannel").asText()).isEqualTo("temporal-signal");
    assertThat(closed.get("decisionIdentity").asText())
        .isNotBlank()
        .doesNotStartWith("amends-api:");
    assertThat(operator.get("/ledger/entries?sagaId=" + workflowId).findValuesAsText("note"))
        .anySatisfy(n -> assertThat(n).startsWith("ana, approved by bo"));
  }

  private static String decision(String action, String operator, String note) {
    return "{\"escalationId\": \"chargeCard-1\", \"action\": \""
        + action
        + "\", \"operator\": \""
        + operator
        + "\""
        + (note == null ? "" : ", \"note\": \"" + note + "\"")
        + "}";
  }

  private static void signal(String workflowId, String json) throws Exception {
    TemporalCli.run(
        "workflow",
        "signal",
        "--workflow-id",
        workflowId,
        "--name",
        "resolveEscalation",
        "--input",
        json);
  }

  /** Visibility is eventually consistent: poll the operator's list query. */
  private static void awaitListed(String query, String workflowId) throws Exception {
    String out = "";
    for (int i = 0; i < 60; i++) {
      out = TemporalCli.run("workflow", "list", "--query", query);
      if (out.contains(workflowId)) {
        return;
      }
      Thread.sleep(500);
    }
    throw new AssertionError(
        "temporal workflow list --query '" + query + "' never listed " + workflowId + ":\n" + out);
  }
}
