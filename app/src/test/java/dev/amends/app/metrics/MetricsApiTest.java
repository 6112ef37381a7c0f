package dev.amends.app.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.amends.app.api.ApiClient;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.micrometer.metrics.test.autoconfigure.AutoConfigureMetrics;
import org.springframework.boot.resttestclient.TestRestTemplate;
import org.springframework.boot.resttestclient.autoconfigure.AutoConfigureTestRestTemplate;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.test.context.ActiveProfiles;

/**
 * amends' own metrics on /actuator/prometheus, after one order completes, one compensates and one
 * escalates and is settled. Other tests share the application, so it compares against a scrape
 * taken first; workflow counters reach the registry on the SDK's report interval, so it polls.
 */
@AutoConfigureTestRestTemplate
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
// Tests leave metrics exporters off unless asked: this one reads the Prometheus endpoint.
@AutoConfigureMetrics
class MetricsApiTest {
  private static final String FLOW = "order-fulfilment";

  @Autowired TestRestTemplate http;
  final ObjectMapper json = new ObjectMapper();

  @Test
  void givenOrdersThatComplete_compensate_andEscalate_itsMetricsMoveAsTheyShould()
      throws Exception {
    Scrape before = scrape();

    post(order("m-1", "tok_visa", "1 Main St"));
    post(order("m-2", "tok_declined", "1 Main St"));
    post(order("m-3", "tok_refund_blocked", "9 UNDELIVERABLE Rd"));
    awaitOrder("m-1", "COMPLETED");
    awaitOrder("m-2", "COMPENSATED");
    awaitOrder("m-3", "NEEDS_OPERATOR");

    Scrape waiting =
        awaitScrape(
            s ->
                s.sum("amends_escalations_open", "flow", FLOW, "world", "RML-3")
                        > before.sum("amends_escalations_open", "flow", FLOW, "world", "RML-3")
                    && moved(before, s, "amends_escalations_opened_total", 1, "world", "RML-3"));
    assertThat(waiting.sum("amends_escalation_oldest_age_seconds", "flow", FLOW, "world", "RML-3"))
        .isGreaterThan(0);
    assertThat(waiting.has("amends_approvals_pending")).isTrue();

    api().as("admin").post("/sandbox/heal", "{\"orderId\": \"m-3\", \"system\": \"payments\"}");
    ResponseEntity<String> retry =
        api()
            .as("operator")
            .post("/orders/m-3/escalations/chargeCard-1", "{\"action\": \"RETRY\"}");
    assertThat(retry.getStatusCode()).isEqualTo(HttpStatus.ACCEPTED);
    awaitOrder("m-3", "COMPENSATED_WITH_OPERATOR");

    Scrape after =
        awaitScrape(
            s ->
                moved(before, s, "amends_sagas_completed_total", 1)
                    && moved(before, s, "amends_sagas_compensated_total", 1)
                    && moved(before, s, "amends_sagas_compensated_with_operator_total", 1)
                    && moved(before, s, "amends_decisions_total", 1, "action", "RETRY")
                    && s.sum("amends_escalations_open", "flow", FLOW, "world", "RML-3")
                        == before.sum("amends_escalations_open", "flow", FLOW, "world", "RML-3"));
    assertThat(delta(before, after, "amends_sagas_started_total")).isEqualTo(3);
    assertThat(delta(before, after, "amends_undo_escalated_total", "step", "chargeCard"))
        .isEqualTo(1);
    // m-2's declined charge is undone once (nothing to refund); m-3's refund runs, then retries.
    assertThat(delta(before, after, "amends_undo_attempts_total", "step", "chargeCard"))
        .isEqualTo(3);
    assertThat(delta(before, after, "amends_alerts_sent_total", "flow", FLOW)).isGreaterThan(0);
    assertThat(delta(before, after, "amends_ledger_appends_total")).isGreaterThan(0);
    assertThat(delta(before, after, "amends_ledger_append_seconds_count")).isGreaterThan(0);
  }

  private static boolean moved(
      Scrape before, Scrape now, String name, double by, String... labels) {
    return delta(before, now, name, labels) >= by;
  }

  private static double delta(Scrape before, Scrape now, String name, String... labels) {
    return now.sum(name, labels) - before.sum(name, labels);
  }

  private Scrape awaitScrape(Predicate<Scrape> until) throws InterruptedException {
    Scrape last = scrape();
    // Workflow counters are reported every 10 s, gauges read a snapshot up to 5 s old.
    for (int i = 0; i < 120 && !until.test(last); i++) {
      Thread.sleep(250);
      last = scrape();
    }
    assertThat(until.test(last)).as("metrics never moved:\n%s", last.text()).isTrue();
    return last;
  }

  private Scrape scrape() {
    ResponseEntity<String> answer = api().as("metrics").getEntity("/actuator/prometheus");
    assertThat(answer.getStatusCode()).isEqualTo(HttpStatus.OK);
    return new Scrape(answer.getBody());
  }

  private void awaitOrder(String orderId, String status) throws Exception {
    api().as("service").await("/orders/" + orderId, s -> s.get("status").asText().equals(status));
  }

  private void post(String body) {
    assertThat(api().as("service").post("/orders", body).getStatusCode().is2xxSuccessful())
        .isTrue();
  }

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

  private ApiClient api() {
    return new ApiClient(http, json);
  }
}
