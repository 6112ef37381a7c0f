package dev.amends.app.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.amends.app.api.ApiClient;
import dev.amends.saga.metrics.MetricNames;
import io.temporal.worker.MetricsType;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
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
 * Every metric the dashboard and the alert rules in docs/observability/ query is one amends or the
 * Temporal SDK exports: a renamed metric would otherwise leave an empty panel or an alert that
 * never fires.
 */
@AutoConfigureTestRestTemplate
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
@AutoConfigureMetrics
class DashboardAndRulesNamesTest {
  private static final Path DOCS = Path.of("..", "docs", "observability");
  private static final Pattern NAME =
      Pattern.compile("(?<![a-zA-Z0-9_:])(amends_|temporal_)[a-z0-9_:]*");
  private static final Pattern RULE_EXPR =
      Pattern.compile("^\\s*(?:- )?expr:\\s*(.+)$", Pattern.MULTILINE);

  /**
   * SDK counters the scrape shows only once they have counted something (a failed workflow task);
   * for these the name must still be one of the SDK's own metric names.
   */
  private static final Set<String> COUNTED_ONLY_ON_FAILURE =
      Set.of("temporal_workflow_task_execution_failed_total");

  @Autowired TestRestTemplate http;
  final ObjectMapper json = new ObjectMapper();

  @Test
  void givenTheDashboardAndTheRules_itFindsEveryAmendsNameInMetricNames() throws Exception {
    Set<String> exported =
        MetricNames.ALL.stream()
            .flatMap(n -> prometheusForms(n).stream())
            .collect(Collectors.toSet());
    Set<String> used = usedNames();
    Set<String> amends = used.stream().filter(n -> n.startsWith("amends_")).collect(toSortedSet());

    assertThat(amends).as("amends names in the dashboard and rules").hasSizeGreaterThan(15);
    Set<String> missing = amends.stream().filter(n -> !exported.contains(n)).collect(toSortedSet());
    assertThat(missing).as("names not in MetricNames (Prometheus form)").isEmpty();
  }

  @Test
  void givenAnOrderThatRan_itFindsEveryTemporalNameInTheScrape() throws Exception {
    post(MetricsApiTest.order("names-1", "tok_visa", "1 Main St"));
    api().as("service").await("/orders/names-1", s -> s.get("status").asText().equals("COMPLETED"));

    Set<String> temporal =
        usedNames().stream().filter(n -> n.startsWith("temporal_")).collect(toSortedSet());
    assertThat(temporal).as("temporal names in the dashboard and rules").hasSizeGreaterThan(4);
    Set<String> sdkNames = sdkPrometheusNames();

    Set<String> scraped = new TreeSet<>();
    Set<String> missing = new TreeSet<>(temporal);
    // The SDK reports to the registry on an interval, so a scrape right after the order may lack
    // some.
    for (int i = 0; i < 120 && !missing.isEmpty(); i++) {
      scraped = scrape().names();
      missing.removeIf(scraped::contains);
      missing.removeIf(n -> COUNTED_ONLY_ON_FAILURE.contains(n) && sdkNames.contains(n));
      if (!missing.isEmpty()) {
        Thread.sleep(250);
      }
    }
    assertThat(missing)
        .as(
            "temporal names neither scraped nor SDK names counted only on failure; scraped: %s",
            scraped.stream().filter(n -> n.startsWith("temporal_")).toList())
        .isEmpty();
  }

  /** Every amends_ or temporal_ name in the dashboard's and the rules' expressions. */
  private Set<String> usedNames() throws Exception {
    List<String> exprs = new ArrayList<>();
    collectExprs(json.readTree(DOCS.resolve("amends-dashboard.json").toFile()), exprs);
    assertThat(exprs).as("dashboard expressions").isNotEmpty();
    int fromDashboard = exprs.size();
    Matcher rule = RULE_EXPR.matcher(Files.readString(DOCS.resolve("amends-alerts.yml")));
    while (rule.find()) {
      exprs.add(rule.group(1));
    }
    assertThat(exprs.size()).as("rule expressions").isGreaterThan(fromDashboard);
    Set<String> names = new TreeSet<>();
    for (String expr : exprs) {
      Matcher m = NAME.matcher(expr);
      while (m.find()) {
        names.add(m.group());
      }
    }
    return names;
  }

  private static void collectExprs(JsonNode node, List<String> into) {
    if (node.isObject()) {
      node.fields()
          .forEachRemaining(
              f -> {
                if (f.getKey().equals("expr") && f.getValue().isTextual()) {
                  into.add(f.getValue().asText());
                } else {
                  collectExprs(f.getValue(), into);
                }
              });
    } else if (node.isArray()) {
      node.forEach(child -> collectExprs(child, into));
    }
  }

  /**
   * What Prometheus may show for a Micrometer name: the name itself (gauges), with {@code _total}
   * (counters), or with {@code _seconds} and its series (timers).
   */
  private static List<String> prometheusForms(String name) {
    List<String> forms = new ArrayList<>(List.of(name, name + "_total"));
    for (String series : List.of("_count", "_sum", "_max", "_bucket")) {
      forms.add(name + "_seconds" + series);
    }
    return forms;
  }

  private static Set<String> sdkPrometheusNames() throws IllegalAccessException {
    Set<String> names = new TreeSet<>();
    for (Field field : MetricsType.class.getFields()) {
      if (Modifier.isStatic(field.getModifiers()) && field.getType() == String.class) {
        names.addAll(prometheusForms((String) field.get(null)));
      }
    }
    return names;
  }

  private static java.util.stream.Collector<String, ?, TreeSet<String>> toSortedSet() {
    return Collectors.toCollection(TreeSet::new);
  }

  private Scrape scrape() {
    ResponseEntity<String> answer = api().as("metrics").getEntity("/actuator/prometheus");
    assertThat(answer.getStatusCode()).isEqualTo(HttpStatus.OK);
    return new Scrape(answer.getBody());
  }

  private void post(String body) {
    assertThat(api().as("service").post("/orders", body).getStatusCode().is2xxSuccessful())
        .isTrue();
  }

  private ApiClient api() {
    return new ApiClient(http, json);
  }
}
