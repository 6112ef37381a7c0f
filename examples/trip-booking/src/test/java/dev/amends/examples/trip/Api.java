package dev.amends.examples.trip;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.function.Predicate;
import org.springframework.boot.resttestclient.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

/** The example's REST API as a demo user calls it (application-test.yml sets their password). */
final class Api {
  static final String DEMO_PASSWORD = "trip-test-password";

  private final TestRestTemplate http;
  private final ObjectMapper json = new ObjectMapper();

  private Api(TestRestTemplate http) {
    this.http = http;
  }

  static Api as(TestRestTemplate http, String user) {
    return new Api(http.withBasicAuth(user, DEMO_PASSWORD));
  }

  ResponseEntity<String> post(String path, String body) {
    HttpHeaders headers = new HttpHeaders();
    headers.setContentType(MediaType.APPLICATION_JSON);
    return http.postForEntity(path, new HttpEntity<>(body, headers), String.class);
  }

  JsonNode get(String path) throws Exception {
    return json.readTree(http.getForEntity(path, String.class).getBody());
  }

  /** Polls GET path until its 2xx answer satisfies the condition; fails naming the last answer. */
  JsonNode await(String path, Predicate<JsonNode> until) throws Exception {
    JsonNode last = null;
    for (int i = 0; i < 300; i++) {
      ResponseEntity<String> r = http.getForEntity(path, String.class);
      if (r.getStatusCode().is2xxSuccessful()) {
        last = json.readTree(r.getBody());
        if (until.test(last)) {
          return last;
        }
      }
      Thread.sleep(100);
    }
    throw new AssertionError("GET " + path + " never got there; last answer " + last);
  }
}
