package dev.amends.app.observability;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.amends.app.api.ApiClient;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.data.SpanData;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.micrometer.tracing.test.autoconfigure.AutoConfigureTracing;
import org.springframework.boot.resttestclient.TestRestTemplate;
import org.springframework.boot.resttestclient.autoconfigure.AutoConfigureTestRestTemplate;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.http.ResponseEntity;
import org.springframework.test.context.ActiveProfiles;

/**
 * One order posted through the REST API makes one trace: the HTTP server span, under it the
 * workflow start, under that the workflow run, and under the run each activity, scheduled and
 * executed. Spans are caught by an in-memory exporter instead of OTLP.
 */
@AutoConfigureTestRestTemplate
@AutoConfigureTracing
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = "management.tracing.sampling.probability=1.0")
@ActiveProfiles("test")
@Import(OrderTracingTest.Spans.class)
class OrderTracingTest {
  private static final List<String> ACTIVITIES =
      List.of(
          "PriceAndValidate", "ReserveStock", "ChargeCard", "CreateShipment", "SendConfirmation");

  /** The tag Temporal's interceptor puts on its spans. */
  private static final AttributeKey<String> WORKFLOW_ID = AttributeKey.stringKey("workflowId");

  @TestConfiguration(proxyBeanMethods = false)
  static class Spans {
    @Bean
    InMemorySpanExporter inMemorySpanExporter() {
      return InMemorySpanExporter.create();
    }
  }

  @Autowired TestRestTemplate http;
  @Autowired InMemorySpanExporter spans;
  final ObjectMapper json = new ObjectMapper();

  @Test
  void givenAnOrderPostedThroughTheApi_oneTraceRunsFromTheRequestIntoEveryActivity()
      throws Exception {
    ResponseEntity<String> created = api().post("/orders", order("t-1"));
    assertThat(created.getStatusCode().value()).isEqualTo(201);
    api().await("/orders/t-1", s -> s.get("status").asText().equals("COMPLETED"));

    SpanData start = awaitSpan("StartWorkflow:OrderWorkflow", "order-t-1");
    List<SpanData> trace = awaitTrace(start.getTraceId(), "RunActivity:SendConfirmation");
    Map<String, SpanData> byId =
        trace.stream().collect(Collectors.toMap(SpanData::getSpanId, Function.identity()));

    SpanData server =
        trace.stream()
            .filter(s -> s.getKind() == SpanKind.SERVER)
            .filter(s -> s.getName().equals("http post /orders"))
            .findFirst()
            .orElseThrow(() -> new AssertionError("no HTTP server span in " + names(trace)));
    // The test's client span is the root; the start sits under the server span, below Spring
    // Security's span for the secured request.
    assertThat(ancestors(start, byId))
        .as("the workflow start runs in the request")
        .contains(server);

    // The run that scheduled the activities. A query on a workflow no longer in the worker's cache
    // replays it, which shows as another RunWorkflow span under the same start, without activities.
    SpanData run = byId.get(only(trace, "StartActivity:" + ACTIVITIES.get(0)).getParentSpanId());
    assertThat(run.getName()).isEqualTo("RunWorkflow:OrderWorkflow");
    assertThat(run.getParentSpanId()).isEqualTo(start.getSpanId());

    for (String activity : ACTIVITIES) {
      SpanData scheduled = only(trace, "StartActivity:" + activity);
      SpanData executed = only(trace, "RunActivity:" + activity);
      assertThat(scheduled.getParentSpanId()).as(activity).isEqualTo(run.getSpanId());
      assertThat(executed.getParentSpanId()).as(activity).isEqualTo(scheduled.getSpanId());
    }
  }

  private SpanData awaitSpan(String name, String workflowId) throws InterruptedException {
    for (int i = 0; i < 200; i++) {
      Optional<SpanData> found =
          spans.getFinishedSpanItems().stream()
              .filter(s -> s.getName().equals(name))
              .filter(s -> workflowId.equals(s.getAttributes().get(WORKFLOW_ID)))
              .findFirst();
      if (found.isPresent()) {
        return found.get();
      }
      Thread.sleep(100);
    }
    throw new AssertionError(
        name + " never exported; spans: " + names(spans.getFinishedSpanItems()));
  }

  private List<SpanData> awaitTrace(String traceId, String last) throws InterruptedException {
    List<SpanData> trace = List.of();
    for (int i = 0; i < 200; i++) {
      trace =
          spans.getFinishedSpanItems().stream()
              .filter(s -> s.getTraceId().equals(traceId))
              .toList();
      if (trace.stream().anyMatch(s -> s.getName().equals(last))
          && trace.stream().anyMatch(s -> s.getKind() == SpanKind.SERVER)) {
        return trace;
      }
      Thread.sleep(100);
    }
    throw new AssertionError(last + " never joined the trace: " + names(trace));
  }

  private static List<SpanData> ancestors(SpanData span, Map<String, SpanData> byId) {
    List<SpanData> up = new java.util.ArrayList<>();
    SpanData at = byId.get(span.getParentSpanId());
    while (at != null) {
      up.add(at);
      at = byId.get(at.getParentSpanId());
    }
    return up;
  }

  private static SpanData only(List<SpanData> trace, String name) {
    List<SpanData> named = trace.stream().filter(s -> s.getName().equals(name)).toList();
    assertThat(named).as("spans named %s in %s", name, names(trace)).hasSize(1);
    return named.get(0);
  }

  private static List<String> names(List<SpanData> spans) {
    return spans.stream()
        .map(
            s ->
                s.getName()
                    + "("
                    + s.getKind()
                    + " "
                    + s.getSpanId()
                    + "<"
                    + s.getParentSpanId()
                    + ")")
        .toList();
  }

  static String order(String id) {
    return """
        {"orderId": "%s", "customerEmail": "ana@example.com",
         "items": [{"sku": "BOOK-1", "quantity": 2}], "cardToken": "tok_visa",
         "shippingAddress": {"name": "Ana", "line1": "1 Main St", "city": "Lisbon",
                             "postalCode": "1000-001", "country": "PT"},
         "currency": "EUR"}
        """
        .formatted(id);
  }

  private ApiClient api() {
    return new ApiClient(http, json).as("service");
  }
}
