package dev.amends.app.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * amends' REST API, as a client on the network sees it: anonymous, or {@link #as} a user with a
 * bearer token from {@link ItTokens}.
 */
final class Api {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final HttpClient http = HttpClient.newHttpClient();
  private final Supplier<String> baseUrl;
  private final String user;

  Api(Supplier<String> baseUrl) {
    this(baseUrl, null);
  }

  private Api(Supplier<String> baseUrl, String user) {
    this.baseUrl = baseUrl;
    this.user = user;
  }

  /** The same API as the user of that name: service, editor, operator, approver or admin. */
  Api as(String user) {
    return new Api(baseUrl, user);
  }

  private HttpRequest.Builder request(String path) {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(baseUrl.get() + path)).timeout(Duration.ofSeconds(30));
    if (user != null) {
      // A fresh token per call: a run can outlast one, and amends keeps no session.
      request.header("authorization", "Bearer " + ItTokens.forUser(user));
    }
    return request;
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
        """
        .formatted(id, email, sku, card, line1);
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
        request(path)
            .header("content-type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  /** POSTs and returns the whole answer: status, headers and body. */
  HttpResponse<String> postResponse(String path, String body) throws Exception {
    return send(path, body);
  }

  /** GETs and returns the whole answer: status, headers and body. */
  HttpResponse<String> getResponse(String path) throws Exception {
    return http.send(request(path).build(), HttpResponse.BodyHandlers.ofString());
  }

  JsonNode get(String path) throws Exception {
    HttpResponse<String> r = http.send(request(path).build(), HttpResponse.BodyHandlers.ofString());
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
