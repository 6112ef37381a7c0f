package dev.amends.app.order;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.amends.app.TaskQueues;
import dev.amends.app.api.ApiClient;
import dev.amends.saga.SagaSettings;
import io.temporal.api.history.v1.HistoryEvent;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.resttestclient.TestRestTemplate;
import org.springframework.boot.resttestclient.autoconfigure.AutoConfigureTestRestTemplate;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.test.context.ActiveProfiles;

/** The whole application on the embedded default: REST in, saga, sandboxes, operator API. */
@AutoConfigureTestRestTemplate
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
class OrderApiTest {
  @Autowired TestRestTemplate http;
  final ObjectMapper json = new ObjectMapper();
  @Autowired WorkflowClient temporal;
  @Autowired OrderSagas sagas;
  @Autowired SagaSettings settings;

  static String order(String id, String card, String line1) {
    return """
        {"orderId": "%s", "customerEmail": "ana@example.com",
         "items": [{"sku": "BOOK-1", "quantity": 2}], "cardToken": "%s",
         "shippingAddress": {"name": "Ana", "line1": "%s", "city": "Lisbon",
                             "postalCode": "1000-001", "country": "PT"},
         "currency": "EUR"}
        """
        .formatted(id, card, line1);
  }

  @Test
  void givenAValidOrder_itStartsASagaThatCompletesAndChargesOnce() throws Exception {
    ResponseEntity<String> placed = post("/orders", order("api-1", "tok_visa", "1 Main St"));
    assertThat(placed.getStatusCode()).isEqualTo(HttpStatus.CREATED);
    assertThat(placed.getHeaders().getLocation()).hasToString("/orders/api-1");

    JsonNode state = awaitOrder("api-1", s -> s.get("status").asText().equals("COMPLETED"));
    assertThat(state.get("steps")).hasSize(5);
    JsonNode records = api().as("admin").get("/sandbox/orders/api-1");
    assertThat(records.get("payments")).hasSize(1);
    assertThat(records.get("payments").get(0).get("amountMinor").asLong()).isEqualTo(2598);
  }

  @Test
  void givenTheSameOrderPostedTwice_itAnswersWithTheExistingSagaAndNeverChargesTwice()
      throws Exception {
    String body = order("api-2", "tok_visa", "1 Main St");
    assertThat(post("/orders", body).getStatusCode()).isEqualTo(HttpStatus.CREATED);
    ResponseEntity<String> again = post("/orders", body);
    assertThat(again.getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(json.readTree(again.getBody()).get("created").asBoolean()).isFalse();
    awaitOrder("api-2", s -> s.get("status").asText().equals("COMPLETED"));
    assertThat(post("/orders", body).getStatusCode()).isEqualTo(HttpStatus.OK);

    ResponseEntity<String> different = post("/orders", order("api-2", "tok_other", "1 Main St"));
    assertThat(different.getStatusCode()).isEqualTo(HttpStatus.CONFLICT);
    assertThat(different.getHeaders().getContentType())
        .isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
    JsonNode problem = json.readTree(different.getBody());
    assertThat(problem.get("detail").asText()).contains("api-2").doesNotContain("tok_other");
    assertThat(problem.get("errors").findValuesAsText("field")).containsExactly("orderId");
    assertThat(problem.get("workflowId").asText()).isEqualTo("order-api-2");
    assertThat(api().as("admin").get("/sandbox/orders/api-2").get("payments")).hasSize(1);
  }

  @Test
  void givenAnOrderAnotherServiceStartedWithThePlainTemporalClient_aDifferentPostIsRefused()
      throws Exception {
    Order earlier = OrderFixtures.order("api-9");
    OrderWorkflow saga =
        temporal.newWorkflowStub(
            OrderWorkflow.class,
            WorkflowOptions.newBuilder()
                .setTaskQueue(TaskQueues.AMENDS)
                .setWorkflowId(OrderWorkflow.workflowId("api-9"))
                .build());
    String runId =
        WorkflowClient.start(saga::fulfil, new OrderSagaInput(earlier, settings)).getRunId();

    ResponseEntity<String> different = post("/orders", order("api-9", "tok_other", "1 Main St"));
    assertThat(different.getStatusCode()).isEqualTo(HttpStatus.CONFLICT);
    assertThat(json.readTree(different.getBody()).get("workflowId").asText())
        .isEqualTo("order-api-9");
    assertThat(sagas.start(earlier).created()).isFalse();
    assertThat(
            temporal
                .newUntypedWorkflowStub("order-api-9", Optional.empty(), Optional.empty())
                .describe()
                .getExecution()
                .getRunId())
        .isEqualTo(runId);
  }

  @Test
  void givenInvalidFields_itAnswersProblemJsonNamingEachFieldAndStartsNothing() throws Exception {
    String body =
        """
        {"orderId": "bad 1", "customerEmail": "not-an-email", "items": [{"sku": "B", "quantity": 0}],
         "cardToken": "tok_visa", "currency": "euro"}
        """;
    ResponseEntity<String> refused = post("/orders", body);

    assertThat(refused.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(refused.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
    JsonNode problem = json.readTree(refused.getBody());
    assertThat(problem.get("errors").findValuesAsText("field"))
        .contains("orderId", "customerEmail", "items[0].quantity", "shippingAddress", "currency");
    // No saga can carry that id: reading it is refused as the id is, never a 500.
    assertThat(api().as("service").getEntity("/orders/bad 1").getStatusCode())
        .isEqualTo(HttpStatus.BAD_REQUEST);
  }

  @Test
  void givenTextOutOfBounds_itNamesTheField_whileAnIdOfTheLongestAllowedFormStartsASaga()
      throws Exception {
    String longest = "A:" + "x".repeat(126);
    assertThat(post("/orders", order(longest, "tok_visa", "1 Main St")).getStatusCode())
        .isEqualTo(HttpStatus.CREATED);

    ResponseEntity<String> tooLong =
        post("/orders", order("x".repeat(129), "tok_visa", "1 Main St"));
    ResponseEntity<String> control =
        post("/orders", order("api-7", "tok_visa", "1 Main\\u0000 St"));
    ResponseEntity<String> badSku =
        post("/orders", order("api-8", "tok_visa", "1 Main St").replace("BOOK-1", "BOOK 1"));

    assertThat(json.readTree(tooLong.getBody()).get("errors").findValuesAsText("field"))
        .containsExactly("orderId");
    assertThat(json.readTree(control.getBody()).get("errors").findValuesAsText("field"))
        .containsExactly("shippingAddress.line1");
    assertThat(json.readTree(badSku.getBody()).get("errors").findValuesAsText("field"))
        .containsExactly("items[0].sku");
    awaitOrder(longest, s -> s.get("status").asText().equals("COMPLETED"));
    ResponseEntity<String> unreadable = api().as("service").getEntity("/orders/" + "y".repeat(300));
    assertThat(unreadable.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(json.readTree(unreadable.getBody()).get("errors").findValuesAsText("field"))
        .containsExactly("sagaId");
  }

  @Test
  void givenAMalformedContentType_itAnswersAProblem_neverA500() throws Exception {
    HttpHeaders headers = new HttpHeaders();
    headers.setBasicAuth("operator", "amends-test-password");
    headers.set(HttpHeaders.CONTENT_TYPE, "multipart/form-data");
    ResponseEntity<String> read =
        http.exchange("/escalations", HttpMethod.GET, new HttpEntity<>(headers), String.class);
    ResponseEntity<String> decide =
        http.exchange(
            "/orders/x/escalations/chargeCard-1",
            HttpMethod.POST,
            new HttpEntity<>("{\"action\": \"RETRY\"}", headers),
            String.class);

    assertThat(read.getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(decide.getStatusCode()).isEqualTo(HttpStatus.UNSUPPORTED_MEDIA_TYPE);
    assertThat(decide.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
  }

  @Test
  void givenAFieldOfTheWrongType_itNamesThatField() throws Exception {
    ResponseEntity<String> refused =
        post(
            "/orders",
            order("api-3", "tok_visa", "x").replace("\"quantity\": 2", "\"quantity\": \"two\""));

    assertThat(refused.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(json.readTree(refused.getBody()).get("errors").findValuesAsText("field"))
        .containsExactly("items[0].quantity");
  }

  @Test
  void givenAnUnknownOrder_itAnswers404() {
    ResponseEntity<String> missing = api().as("service").getEntity("/orders/nobody");
    assertThat(missing.getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
    assertThat(missing.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
  }

  @Test
  void givenARefundThatFails_itIsListedAndSettledByTheCallingOperatorsDecision() throws Exception {
    post("/orders", order("api-4", "tok_refund_blocked", "9 UNDELIVERABLE Rd"));

    JsonNode escalation = awaitOpenEscalation("order-api-4");
    assertThat(escalation.get("escalationId").asText()).isEqualTo("chargeCard-1");
    assertThat(escalation.get("world").asText()).isEqualTo("RML-3");
    assertThat(escalation.get("runbookUrl").asText()).isEqualTo("/docs/runbooks/refund-charge.md");
    assertThat(escalation.get("decide").asText())
        .isEqualTo("/sagas/order-api-4/escalations/chargeCard-1");
    assertThat(operator().getEntity("/docs/runbooks/refund-charge.md").getBody())
        .contains("Runbook");

    ResponseEntity<String> noNote =
        operator().post("/orders/api-4/escalations/chargeCard-1", "{\"action\": \"ACCEPT_LOSS\"}");
    assertThat(noNote.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(json.readTree(noNote.getBody()).get("errors").findValuesAsText("field"))
        .containsExactly("note");
    ResponseEntity<String> unknown =
        operator().post("/orders/api-4/escalations/nope-1", "{\"action\": \"RETRY\"}");
    assertThat(unknown.getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);

    ResponseEntity<String> someoneElse =
        operator()
            .post(
                "/orders/api-4/escalations/chargeCard-1",
                "{\"action\": \"RETRY\", \"operator\": \"ana\"}");
    assertThat(someoneElse.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(someoneElse.getHeaders().getContentType())
        .isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
    assertThat(json.readTree(someoneElse.getBody()).get("errors").findValuesAsText("field"))
        .containsExactly("operator");

    api().as("admin").post("/sandbox/heal", "{\"orderId\": \"api-4\", \"system\": \"payments\"}");
    ResponseEntity<String> retry =
        operator().post("/orders/api-4/escalations/chargeCard-1", "{\"action\": \"RETRY\"}");
    assertThat(retry.getStatusCode()).isEqualTo(HttpStatus.ACCEPTED);
    assertThat(json.readTree(retry.getBody()).at("/decision/operator").asText())
        .isEqualTo("operator");

    JsonNode state =
        awaitOrder("api-4", s -> s.get("status").asText().equals("COMPENSATED_WITH_OPERATOR"));
    assertThat(state.toString())
        .as("failures and escalations carry no address, e-mail or card token")
        .contains("UNDELIVERABLE")
        .doesNotContain("9 UNDELIVERABLE Rd", "ana@example.com", "tok_refund_blocked");
    JsonNode decision = state.get("escalations").get(0).get("decision");
    assertThat(decision.get("action").asText()).isEqualTo("RETRY");
    assertThat(decision.get("operator").asText())
        .as("the caller is the operator")
        .isEqualTo("operator");
    assertThat(signalIdentities("order-api-4")).containsExactly("amends-api:operator");
    // Activity failures reach the history short (ConciseActivityFailures is on the worker).
    assertThat(
            temporal.fetchHistory("order-api-4").getEvents().stream()
                .filter(HistoryEvent::hasActivityTaskFailedEventAttributes)
                .map(e -> e.getActivityTaskFailedEventAttributes().getFailure()))
        .isNotEmpty()
        .allSatisfy(
            f -> {
              assertThat(f.getStackTrace().lines().count()).isLessThanOrEqualTo(6);
              assertThat(f.getSerializedSize()).isLessThan(2_048);
            });
    JsonNode payments = api().as("admin").get("/sandbox/orders/api-4").get("payments");
    assertThat(payments.findValuesAsText("kind")).containsExactly("CHARGE", "REFUND");
    assertThat(operator().get("/escalations").findValuesAsText("sagaId"))
        .doesNotContain("order-api-4");
    ResponseEntity<String> stale =
        api().as("admin").post("/orders/api-4/escalations/chargeCard-1", "{\"action\": \"RETRY\"}");
    assertThat(stale.getStatusCode()).isEqualTo(HttpStatus.CONFLICT);
  }

  @Test
  void givenAWriteOffOfACharge_aSecondPersonMustApproveIt_andTheLedgerNamesBoth() throws Exception {
    post("/orders", order("api-5", "tok_refund_blocked", "9 UNDELIVERABLE Rd"));
    awaitOpenEscalation("order-api-5");
    String decide = "/orders/api-5/escalations/chargeCard-1";

    ResponseEntity<String> requested =
        api().as("admin").post(decide, "{\"action\": \"ACCEPT_LOSS\", \"note\": \"goods kept\"}");
    assertThat(requested.getStatusCode()).isEqualTo(HttpStatus.ACCEPTED);
    awaitOrder("api-5", s -> s.get("status").asText().equals("AWAITING_APPROVAL"));
    JsonNode listed = awaitOpenEscalation("order-api-5");
    assertThat(listed.get("writeOffState").asText()).isEqualTo("PENDING");
    assertThat(listed.get("writeOffRequestedBy").asText()).isEqualTo("admin");
    // Listings point to the saga path every flow has; the order path is an alias.
    assertThat(listed.get("decide").asText())
        .isEqualTo("/sagas/order-api-5/escalations/chargeCard-1/approval");

    ResponseEntity<String> ownApproval =
        api().as("admin").post(decide + "/approval", "{\"action\": \"APPROVE\"}");
    assertThat(ownApproval.getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
    assertThat(ownApproval.getHeaders().getContentType())
        .isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
    ResponseEntity<String> byAnOperator =
        operator().post(decide + "/approval", "{\"action\": \"APPROVE\"}");
    assertThat(byAnOperator.getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
    ResponseEntity<String> meanwhile = operator().post(decide, "{\"action\": \"RETRY\"}");
    assertThat(meanwhile.getStatusCode()).isEqualTo(HttpStatus.CONFLICT);
    assertThat(meanwhile.getBody()).contains("awaits approval");
    ResponseEntity<String> rejectWithoutReason =
        api().as("approver").post(decide + "/approval", "{\"action\": \"REJECT\"}");
    assertThat(json.readTree(rejectWithoutReason.getBody()).get("errors").findValuesAsText("field"))
        .containsExactly("note");

    ResponseEntity<String> approved =
        api().as("approver").post(decide + "/approval", "{\"action\": \"APPROVE\"}");
    assertThat(approved.getStatusCode()).isEqualTo(HttpStatus.ACCEPTED);

    JsonNode state =
        awaitOrder("api-5", s -> s.get("status").asText().equals("COMPENSATED_WITH_OPERATOR"));
    JsonNode decision = state.get("escalations").get(0).get("decision");
    assertThat(decision.get("operator").asText()).isEqualTo("admin");
    assertThat(decision.get("approvedBy").asText()).isEqualTo("approver");
    JsonNode closed = null;
    for (JsonNode e : operator().get("/escalations?status=all")) {
      if (e.get("sagaId").asText().equals("order-api-5")) {
        closed = e;
      }
    }
    assertThat(closed.get("decisionApprovedBy").asText()).isEqualTo("approver");
    assertThat(closed.get("decisionChannel").asText()).isEqualTo("api");
    assertThat(closed.get("decisionIdentity").asText()).isEqualTo("amends-api:admin");
    assertThat(closed.get("approvalIdentity").asText()).isEqualTo("amends-api:approver");
    JsonNode entries = operator().get("/ledger/entries?sagaId=order-api-5");
    assertThat(entries.findValuesAsText("phase")).contains("WRITTEN_OFF");
    assertThat(entries.findValuesAsText("note"))
        .anySatisfy(
            n -> assertThat(n).startsWith("admin, approved by approver (escalation chargeCard-1)"));
  }

  @Test
  void givenADecisionOutOfBounds_itAnswers400NamingTheField_andTheSagaStillWaits()
      throws Exception {
    post("/orders", order("api-6", "tok_refund_blocked", "9 UNDELIVERABLE Rd"));
    awaitOpenEscalation("order-api-6");
    String decide = "/orders/api-6/escalations/chargeCard-1";

    ResponseEntity<String> longNote =
        operator()
            .post(
                decide,
                "{\"action\": \"RESOLVED_MANUALLY\", \"note\": \"" + "n".repeat(2001) + "\"}");
    ResponseEntity<String> nul =
        operator().post(decide, "{\"action\": \"RESOLVED_MANUALLY\", \"note\": \"done\\u0000\"}");
    ResponseEntity<String> badId =
        operator().post("/sagas/order!x/escalations/chargeCard-1", "{\"action\": \"RETRY\"}");

    for (ResponseEntity<String> refused : List.of(longNote, nul)) {
      assertThat(refused.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
      assertThat(json.readTree(refused.getBody()).get("errors").findValuesAsText("field"))
          .containsExactly("note");
    }
    assertThat(badId.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(json.readTree(badId.getBody()).get("errors").findValuesAsText("field"))
        .containsExactly("sagaId");
    JsonNode state = api().as("service").get("/orders/api-6");
    assertThat(state.get("status").asText()).isEqualTo("NEEDS_OPERATOR");
    assertThat(state.get("rejectedDecisionCount").asInt()).isZero();

    ResponseEntity<String> longest =
        operator()
            .post(
                decide,
                "{\"action\": \"RESOLVED_MANUALLY\", \"note\": \"" + "é".repeat(2000) + "\"}");
    assertThat(longest.getStatusCode()).isEqualTo(HttpStatus.ACCEPTED);
    awaitOrder("api-6", s -> s.get("status").asText().equals("COMPENSATED_WITH_OPERATOR"));
  }

  private JsonNode awaitOpenEscalation(String sagaId) throws Exception {
    for (int i = 0; i < 300; i++) {
      for (JsonNode e : operator().get("/escalations")) {
        if (e.get("sagaId").asText().equals(sagaId)) {
          return e;
        }
      }
      Thread.sleep(100);
    }
    throw new AssertionError("no open escalation for " + sagaId);
  }

  private JsonNode awaitOrder(String orderId, Predicate<JsonNode> until) throws Exception {
    return api().as("service").await("/orders/" + orderId, until);
  }

  /** The identities Temporal recorded on the signals the saga received. */
  private List<String> signalIdentities(String workflowId) {
    return temporal.fetchHistory(workflowId).getEvents().stream()
        .filter(HistoryEvent::hasWorkflowExecutionSignaledEventAttributes)
        .map(e -> e.getWorkflowExecutionSignaledEventAttributes().getIdentity())
        .toList();
  }

  /** Services start and read orders. */
  private ResponseEntity<String> post(String path, String body) {
    return api().as("service").post(path, body);
  }

  private ApiClient operator() {
    return api().as("operator");
  }

  private ApiClient api() {
    return new ApiClient(http, json);
  }
}
