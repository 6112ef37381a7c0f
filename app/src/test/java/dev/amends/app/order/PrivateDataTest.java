package dev.amends.app.order;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.amends.app.api.ApiClient;
import dev.amends.spring.codec.AesGcmPayloadCodec;
import dev.amends.testkit.replay.HistoryReplay;
import io.temporal.api.common.v1.Payloads;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowClientOptions;
import io.temporal.common.WorkflowExecutionHistory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.resttestclient.TestRestTemplate;
import org.springframework.boot.resttestclient.autoconfigure.AutoConfigureTestRestTemplate;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.http.HttpStatus;
import org.springframework.test.context.ActiveProfiles;

/**
 * A customer's e-mail address, postal address and card token, on the embedded default: in no
 * history as Temporal stores it, in no answer of GET /orders/{id}, in no failure; the application,
 * through its codec, still reads them, and its histories replay.
 */
@AutoConfigureTestRestTemplate
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
class PrivateDataTest {
  private static final String EMAIL = "zoe.quill@private.example.org";
  private static final String NAME = "Zoe Quill";
  private static final String LINE1 = "42 CANCEL-BLOCKED Hidden Lane";
  private static final String POSTAL = "9876-543";
  private static final String CARD = "tok_refund_blocked";
  private static final Pattern BASE64_DATA =
      Pattern.compile("\"data\"\\s*:\\s*\"([A-Za-z0-9+/=]+)\"");

  @Autowired TestRestTemplate http;
  @Autowired WorkflowClient temporal;
  @Autowired AesGcmPayloadCodec codec;
  final ObjectMapper json = new ObjectMapper();

  @Test
  void givenAnOrderThatFailedAndEscalated_neitherItsHistoryNorItsStateNamesTheCustomersData(
      @TempDir Path exported) throws Exception {
    // Fails at the mail (bounce), so the shipment's undo runs and is blocked (CANCEL-BLOCKED),
    // and the refund of the charge too (tok_refund_blocked): failures and escalations all round.
    String orderId = "private-1";
    assertThat(api("service").post("/orders", order(orderId, "bounce." + EMAIL)).getStatusCode())
        .isEqualTo(HttpStatus.CREATED);
    JsonNode escalated =
        api("service")
            .await(
                "/orders/" + orderId,
                s ->
                    s.get("status").asText().equals("NEEDS_OPERATOR")
                        && s.get("escalations").size() >= 2);
    String workflowId = OrderWorkflow.workflowId(orderId);
    for (JsonNode e : escalated.get("escalations")) {
      String system = e.get("step").asText().equals("chargeCard") ? "payments" : "shipping";
      api("admin")
          .post(
              "/sandbox/heal",
              "{\"orderId\": \"" + orderId + "\", \"system\": \"" + system + "\"}");
      assertThat(
              api("operator")
                  .post(
                      "/orders/" + orderId + "/escalations/" + e.get("id").asText(),
                      "{\"action\": \"RETRY\"}")
                  .getStatusCode())
          .isEqualTo(HttpStatus.ACCEPTED);
    }
    JsonNode settled =
        api("service")
            .await(
                "/orders/" + orderId,
                s -> s.get("status").asText().equals("COMPENSATED_WITH_OPERATOR"));

    assertThat(settled.get("failure").asText()).contains("MAIL_REJECTED");
    assertThat(settled.toString())
        .as("GET /orders/{id}: failures and escalations name no private data")
        .doesNotContain(EMAIL, NAME, LINE1, POSTAL, CARD);

    // As Temporal stores it, read by a client without the codec.
    WorkflowClient plain =
        WorkflowClient.newInstance(
            temporal.getWorkflowServiceStubs(),
            WorkflowClientOptions.newBuilder()
                .setNamespace(temporal.getOptions().getNamespace())
                .build());
    WorkflowExecutionHistory raw = plain.fetchHistory(workflowId);
    assertThat(readable(raw))
        .as("the raw history, as text and with every payload's data decoded")
        .contains("binary/encrypted")
        .doesNotContain(EMAIL, NAME, LINE1, POSTAL, CARD);

    // The application's client decrypts.
    Payloads input = raw.getEvents().get(0).getWorkflowExecutionStartedEventAttributes().getInput();
    OrderSagaInput read =
        temporal
            .getOptions()
            .getDataConverter()
            .fromPayloads(0, Optional.of(input), OrderSagaInput.class, OrderSagaInput.class);
    assertThat(read.order().customerEmail()).isEqualTo("bounce." + EMAIL);
    assertThat(read.order().cardToken()).isEqualTo(CARD);

    // The encrypted history replays with the codec, and only with it.
    Path file = exported.resolve(workflowId + ".json");
    Files.writeString(file, raw.toJson(true));
    assertThat(HistoryReplay.of(OrderWorkflowImpl.class).codec(codec).replay(List.of(file)))
        .satisfies(r -> assertThat(r.allReplayed()).as(r.toString()).isTrue());
    assertThat(HistoryReplay.of(OrderWorkflowImpl.class).replay(List.of(file)).allReplayed())
        .isFalse();
  }

  /** The history's JSON, and the text of every base64 "data" in it. */
  static String readable(WorkflowExecutionHistory history) {
    String text = history.toJson(false);
    List<String> parts = new ArrayList<>(List.of(text));
    Matcher data = BASE64_DATA.matcher(text);
    while (data.find()) {
      parts.add(new String(Base64.getDecoder().decode(data.group(1)), StandardCharsets.UTF_8));
    }
    parts.add(new String(history.getHistory().toByteArray(), StandardCharsets.ISO_8859_1));
    return String.join("\n", parts);
  }

  private static String order(String id, String email) {
    return """
        {"orderId": "%s", "customerEmail": "%s",
         "items": [{"sku": "BOOK-1", "quantity": 1}], "cardToken": "%s",
         "shippingAddress": {"name": "%s", "line1": "%s", "city": "Lisbon",
                             "postalCode": "%s", "country": "PT"},
         "currency": "EUR"}
        """
        .formatted(id, email, CARD, NAME, LINE1, POSTAL);
  }

  private ApiClient api(String user) {
    return new ApiClient(http, json).as(user);
  }
}
