package dev.amends.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.function.Predicate;
import java.util.function.Supplier;

/** amends' REST API, as a client on the network sees it. */
final class Api {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final HttpClient http = HttpClient.newHttpClient();
  private final Supplier<String> baseUrl;

  Api(Supplier<String> baseUrl) {
    this.baseUrl = baseUrl;
  }

  static String order(String id, String card, String line1, String email) {
    return order(id, "BOOK-1", card, line1, email);
  }

  static String order(String id, String sku, String card, String line1, String email) {
    return """
        {"orderId": "%s", "customerEmail": "%s",
         "items": [{"sku": "%s", "quantity": 1}], "cardToken": "%s",
         "shippingAddress": {"name": "Ana", "line1": "%s", "city": "Lisbon",
                             "postalCode": "1000-001", "country": "PT"},
         "currency": "EUR"}
        """.formatted(id, email, sku, card, line1);
  }

  int post(String path, String body) throws Exception {
    return send(path, body).statusCode();
  }

  /** POSTs and reads the answer's JSON body, whatever its status. */
  JsonNode postForJson(String path, String body) throws Exception {
    return JSON.readTree(send(path, body).body());
  }

  private HttpResponse<String> send(String path, String body) throws Exception {
    return http.send(
        HttpRequest.newBuilder(URI.create(baseUrl.get() + path))
            .header("content-type", "application/json")
            .timeout(Duration.ofSeconds(30))
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  JsonNode get(String path) throws Exception {
    HttpResponse<String> r =
        http.send(
            HttpRequest.newBuilder(URI.create(baseUrl.get() + path))
                .timeout(Duration.ofSeconds(30))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    if (r.statusCode() != 200) {
      return null;
    }
    return JSON.readTree(r.body());
  }

  /** Polls GET path until the answer satisfies the condition, or fails naming the last answer. */
  JsonNode await(String path, Predicate<JsonNode> until, Duration within) throws Exception {
    long deadline = System.nanoTime() + within.toNanos();
    JsonNode last = null;
    while (System.nanoTime() < deadline) {
      try {
        last = get(path);
        if (last != null && until.test(last)) {
          return last;
        }
      } catch (java.io.IOException down) {
        // The application may be restarting.
      }
      Thread.sleep(250);
    }
    throw new AssertionError("GET " + path + " never satisfied the condition; last: " + last);
  }

  static Predicate<JsonNode> status(String status) {
    return s -> s.get("status").asText().equals(status);
  }
}
