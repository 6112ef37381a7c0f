package dev.amends.app.reconcile;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.amends.app.api.ApiClient;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.resttestclient.TestRestTemplate;
import org.springframework.boot.resttestclient.autoconfigure.AutoConfigureTestRestTemplate;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ActiveProfiles;

/**
 * The effect ledger and the reconciler through the REST API, on the embedded default: orders write
 * their RML-3 story, drift is found and settled, what needs a person is escalated and settled by an
 * operator decision, and the chain verifies.
 */
@AutoConfigureTestRestTemplate
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
class ReconcilerApiTest {
  @Autowired TestRestTemplate http;
  final ObjectMapper json = new ObjectMapper();
  @Autowired JdbcClient jdbc;
  private ApiClient service;
  private ApiClient operator;
  private ApiClient approver;
  private ApiClient admin;

  @BeforeEach
  void clients() {
    ApiClient api = new ApiClient(http, json);
    service = api.as("service");
    operator = api.as("operator");
    approver = api.as("approver");
    admin = api.as("admin");
  }

  static String order(String id, String card, String line1) {
    return """
        {"orderId": "%s", "customerEmail": "ana@example.com",
         "items": [{"sku": "BOOK-1", "quantity": 1}], "cardToken": "%s",
         "shippingAddress": {"name": "Ana", "line1": "%s", "city": "Lisbon",
                             "postalCode": "1000-001", "country": "PT"},
         "currency": "EUR"}
        """
        .formatted(id, card, line1);
  }

  private List<String> story(String sagaId) throws Exception {
    List<String> entries = new ArrayList<>();
    for (JsonNode e : operator.get("/ledger/entries?sagaId=" + sagaId)) {
      entries.add(e.get("kind").asText() + ":" + e.get("phase").asText());
    }
    return entries;
  }

  private JsonNode runReconciler() throws Exception {
    ResponseEntity<String> started = operator.post("/reconciler/runs", "");
    assertThat(started.getStatusCode()).isEqualTo(HttpStatus.ACCEPTED);
    String report = operator.read(started).get("report").asText();
    assertThat(started.getHeaders().getLocation()).hasToString(report);
    return operator.await(report, r -> !r.get("status").asText().equals("RUNNING"));
  }

  private static JsonNode actionFor(JsonNode report, String driftId) {
    for (JsonNode action : report.get("actions")) {
      if (action.get("driftId").asText().equals(driftId)) {
        return action;
      }
    }
    throw new AssertionError("no action on " + driftId + " in " + report);
  }

  @Test
  void ordersWriteTheirChargeAndRefundToTheLedger_andTheChainVerifies() throws Exception {
    service.post("/orders", order("led-1", "tok_visa", "1 Main St"));
    service.post("/orders", order("led-2", "tok_visa", "7 UNDELIVERABLE Rd"));
    service.await("/orders/led-1", s -> s.get("status").asText().equals("COMPLETED"));
    service.await("/orders/led-2", s -> s.get("status").asText().equals("COMPENSATED"));

    assertThat(story("order-led-1")).containsExactly("EFFECT:INTENDED", "EFFECT:CONFIRMED");
    assertThat(story("order-led-2"))
        .containsExactly(
            "EFFECT:INTENDED", "EFFECT:CONFIRMED", "CORRECTION:INTENDED", "CORRECTION:CONFIRMED");
    JsonNode charge = operator.get("/ledger/entries?sagaId=order-led-1").get(1);
    assertThat(charge.get("externalSystem").asText()).isEqualTo("payment-provider");
    assertThat(charge.get("externalRef").asText())
        .isEqualTo(
            admin.get("/sandbox/orders/led-1").get("payments").get(0).get("paymentId").asText());
    assertThat(charge.get("hash").asText()).hasSize(64);

    JsonNode verification = admin.get("/ledger/verification").get("chain");
    assertThat(verification.get("intact").asBoolean()).isTrue();
    assertThat(verification.get("entriesChecked").asLong()).isGreaterThanOrEqualTo(6);
  }

  @Test
  void anRml3WriteOffByAnOperatorIsRecordedInTheLedger() throws Exception {
    service.post("/orders", order("led-3", "tok_refund_blocked", "7 UNDELIVERABLE Rd"));
    service.await("/orders/led-3", s -> s.get("status").asText().equals("NEEDS_OPERATOR"));

    ResponseEntity<String> decided =
        operator.post(
            "/orders/led-3/escalations/chargeCard-1",
            "{\"action\": \"ACCEPT_LOSS\", \"note\": \"chargeback returned it\"}");
    assertThat(decided.getStatusCode()).isEqualTo(HttpStatus.ACCEPTED);
    service.await("/orders/led-3", s -> s.get("status").asText().equals("AWAITING_APPROVAL"));
    assertThat(
            approver
                .post(
                    "/orders/led-3/escalations/chargeCard-1/approval", "{\"action\": \"APPROVE\"}")
                .getStatusCode())
        .isEqualTo(HttpStatus.ACCEPTED);
    service.await(
        "/orders/led-3", s -> s.get("status").asText().equals("COMPENSATED_WITH_OPERATOR"));

    assertThat(story("order-led-3"))
        .containsExactly(
            "EFFECT:INTENDED", "EFFECT:CONFIRMED", "CORRECTION:INTENDED", "CORRECTION:WRITTEN_OFF");
  }

  @Test
  void aChargeMadeOutsideAmendsIsRefundedByARun_andASecondRunChangesNothing() throws Exception {
    ResponseEntity<String> charged =
        admin.post(
            "/sandbox/payments",
            "{\"orderId\": \"walk-in-1\", \"amountMinor\": 4200, \"currency\": \"USD\"}");
    assertThat(charged.getStatusCode()).isEqualTo(HttpStatus.CREATED);
    String chargeId = operator.read(charged).get("paymentId").asText();

    JsonNode report = runReconciler();

    assertThat(report.get("status").asText()).isEqualTo("DONE");
    JsonNode action = actionFor(report, "payment-provider:" + chargeId);
    assertThat(action.get("kind").asText()).isEqualTo("UNEXPLAINED_CHARGE");
    assertThat(action.get("action").asText()).isEqualTo("REFUNDED");
    assertThat(admin.get("/sandbox/orders/walk-in-1").get("payments").findValuesAsText("kind"))
        .containsExactly("CHARGE", "REFUND");
    assertThat(operator.get("/reconciler/report").get("runId").asText())
        .isEqualTo(report.get("runId").asText());

    JsonNode again = runReconciler();
    assertThat(again.get("actions").findValuesAsText("driftId"))
        .doesNotContain("payment-provider:" + chargeId);
    assertThat(admin.get("/sandbox/orders/walk-in-1").get("payments")).hasSize(2);
    assertThat(admin.get("/ledger/verification").get("chain").get("intact").asBoolean()).isTrue();
    assertThat(admin.get("/ledger/verification").get("anchors")).isNotEmpty();
  }

  @Test
  void anAmountMismatchIsEscalatedToAnOperator_whoWritesItOffThroughTheApi() throws Exception {
    service.post("/orders", order("led-4", "tok_visa", "1 Main St"));
    service.await("/orders/led-4", s -> s.get("status").asText().equals("COMPLETED"));
    jdbc.sql(
            "UPDATE sandbox_payment SET amount_minor = amount_minor + 500 WHERE order_id = 'led-4'")
        .update();
    String chargeId =
        admin.get("/sandbox/orders/led-4").get("payments").get(0).get("paymentId").asText();

    JsonNode action = actionFor(runReconciler(), "payment-provider:" + chargeId);

    assertThat(action.get("action").asText()).isEqualTo("ESCALATED");
    String escalation = action.get("escalationWorkflowId").asText();
    JsonNode listed = null;
    for (int i = 0; i < 100 && listed == null; i++) {
      for (JsonNode e : operator.get("/escalations")) {
        if (e.get("sagaId").asText().equals(escalation)) {
          listed = e;
        }
      }
      Thread.sleep(100);
    }
    assertThat(listed).as("escalation listed").isNotNull();
    assertThat(listed.get("runbookUrl").asText()).isEqualTo("/docs/runbooks/ledger-drift.md");
    assertThat(operator.getEntity("/docs/runbooks/ledger-drift.md").getStatusCode())
        .isEqualTo(HttpStatus.OK);
    String decide = listed.get("decide").asText();
    assertThat(decide).isEqualTo("/sagas/" + escalation + "/escalations/reconcile-1");

    ResponseEntity<String> decided =
        operator.post(decide, "{\"action\": \"ACCEPT_LOSS\", \"note\": \"goodwill\"}");
    assertThat(decided.getStatusCode()).isEqualTo(HttpStatus.ACCEPTED);
    operator.await(
        "/sagas/" + escalation, s -> s.get("status").asText().equals("AWAITING_APPROVAL"));
    assertThat(approver.post(decide + "/approval", "{\"action\": \"APPROVE\"}").getStatusCode())
        .isEqualTo(HttpStatus.ACCEPTED);
    operator.await(
        "/sagas/" + escalation, s -> s.get("status").asText().equals("COMPENSATED_WITH_OPERATOR"));
    assertThat(story("order-led-4")).endsWith("CORRECTION:WRITTEN_OFF");
    assertThat(runReconciler().get("actions").findValuesAsText("driftId"))
        .doesNotContain("payment-provider:" + chargeId);
  }

  @Test
  void badInputIsRefusedWithProblemJsonNamingTheField() throws Exception {
    ResponseEntity<String> currency =
        admin.post(
            "/sandbox/payments", "{\"orderId\": \"x\", \"amountMinor\": 1, \"currency\": \"eur\"}");
    assertThat(currency.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(currency.getHeaders().getContentType())
        .isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
    assertThat(operator.read(currency).get("errors").findValuesAsText("field"))
        .containsExactly("currency");
    ResponseEntity<String> amount =
        admin.post(
            "/sandbox/payments", "{\"orderId\": \"x\", \"amountMinor\": 0, \"currency\": \"EUR\"}");
    assertThat(operator.read(amount).get("errors").findValuesAsText("field"))
        .containsExactly("amountMinor");
    assertThat(admin.get("/sandbox/orders/x").get("payments")).isEmpty();
    String keyed =
        "{\"orderId\": \"x-keyed\", \"amountMinor\": 5, \"currency\": \"EUR\", \"idempotencyKey\": \"k-1\"}";
    assertThat(admin.post("/sandbox/payments", keyed).getStatusCode())
        .isEqualTo(HttpStatus.CREATED);
    assertThat(admin.post("/sandbox/payments", keyed).getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(
            admin
                .post(
                    "/sandbox/payments", keyed.replace("\"amountMinor\": 5", "\"amountMinor\": 6"))
                .getStatusCode())
        .isEqualTo(HttpStatus.CONFLICT);
    assertThat(admin.get("/sandbox/orders/x-keyed").get("payments")).hasSize(1);

    ResponseEntity<String> limit = operator.getEntity("/ledger/entries?limit=0");
    assertThat(limit.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(operator.read(limit).get("errors").findValuesAsText("field"))
        .containsExactly("limit");
    assertThat(operator.getEntity("/reconciler/runs/amends-reconciler-nope").getStatusCode())
        .isEqualTo(HttpStatus.NOT_FOUND);
    assertThat(operator.getEntity("/reconciler/runs/order-led-1").getStatusCode())
        .isEqualTo(HttpStatus.NOT_FOUND);
  }

  @Test
  void onTheEmbeddedServerATimerStandsInForTheSchedule() throws Exception {
    JsonNode schedule = operator.get("/reconciler/schedule");
    assertThat(schedule.get("kind").asText()).startsWith("embedded timer");
    assertThat(schedule.get("every").asText()).isEqualTo("PT1H");
  }
}
