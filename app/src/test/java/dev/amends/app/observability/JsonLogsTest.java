package dev.amends.app.observability;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.amends.app.api.ApiClient;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.micrometer.tracing.test.autoconfigure.AutoConfigureTracing;
import org.springframework.boot.resttestclient.TestRestTemplate;
import org.springframework.boot.resttestclient.autoconfigure.AutoConfigureTestRestTemplate;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.test.context.ActiveProfiles;

/**
 * With the json-logs profile every console line is a JSON object, and a line an activity logs
 * carries the saga it serves and the trace it runs in. The activity here is the escalation alert,
 * logged on amends.alert when an order's refund fails for good.
 */
@ExtendWith(OutputCaptureExtension.class)
@AutoConfigureTestRestTemplate
@AutoConfigureTracing
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = "logging.config=classpath:logback-json-logs-test.xml")
@ActiveProfiles({"test", "json-logs"})
class JsonLogsTest {
  @Autowired TestRestTemplate http;
  final ObjectMapper json = new ObjectMapper();

  @Test
  void givenJsonLogs_anActivitysLogLineCarriesWorkflowRunSagaAndTraceIds(CapturedOutput output)
      throws Exception {
    String body =
        """
        {"orderId": "j-1", "customerEmail": "ana@example.com",
         "items": [{"sku": "BOOK-1", "quantity": 2}], "cardToken": "tok_refund_blocked",
         "shippingAddress": {"name": "Ana", "line1": "9 UNDELIVERABLE Rd", "city": "Lisbon",
                             "postalCode": "1000-001", "country": "PT"},
         "currency": "EUR"}
        """;
    assertThat(api().post("/orders", body).getStatusCode().value()).isEqualTo(201);
    api().await("/orders/j-1", s -> s.get("status").asText().equals("NEEDS_OPERATOR"));

    JsonNode alert = awaitLine(output, "amends.alert", "order-j-1");
    assertThat(alert.path("sagaId").asText()).isEqualTo("order-j-1");
    assertThat(alert.path("runId").asText()).matches("[0-9a-f-]{36}");
    assertThat(alert.path("traceId").asText()).matches("[0-9a-f]{32}");
    assertThat(alert.path("spanId").asText()).matches("[0-9a-f]{16}");

    // Taken out again after the activity: no line from another logger carries the saga's ids.
    assertThat(jsonLines(output))
        .filteredOn(line -> !line.path("log").path("logger").asText().equals("amends.alert"))
        .noneMatch(line -> line.path("workflowId").asText().equals("order-j-1"));
  }

  private JsonNode awaitLine(CapturedOutput output, String logger, String workflowId)
      throws InterruptedException {
    for (int i = 0; i < 200; i++) {
      Optional<JsonNode> found =
          jsonLines(output).stream()
              .filter(line -> line.path("log").path("logger").asText().equals(logger))
              .filter(line -> line.path("workflowId").asText().equals(workflowId))
              .findFirst();
      if (found.isPresent()) {
        return found.get();
      }
      Thread.sleep(100);
    }
    throw new AssertionError("no " + logger + " line for " + workflowId + " in:\n" + output);
  }

  private List<JsonNode> jsonLines(CapturedOutput output) {
    return output
        .getOut()
        .lines()
        .filter(line -> line.startsWith("{"))
        .map(
            line -> {
              try {
                return json.readTree(line);
              } catch (Exception e) {
                throw new AssertionError("not JSON: " + line, e);
              }
            })
        .toList();
  }

  private ApiClient api() {
    return new ApiClient(http, json).as("service");
  }
}
