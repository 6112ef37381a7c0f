package dev.amends.app.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.function.Predicate;
import org.springframework.boot.resttestclient.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

/**
 * The REST API as a client sees it, for the tests of the whole application. Anonymous until {@link
 * #as} names a demo user (application-test.yml sets their password).
 */
public final class ApiClient {
  /** The demo users' password in tests, from application-test.yml. */
  public static final String DEMO_PASSWORD = "amends-test-password";

  private final TestRestTemplate http;
  private final ObjectMapper json;

  public ApiClient(TestRestTemplate http, ObjectMapper json) {
    this.http = http;
    this.json = json;
  }

  /**
   * The same API, called as the demo user of that name: service, editor, operator, approver,
   * metrics, admin.
   */
  public ApiClient as(String user) {
    return new ApiClient(http.withBasicAuth(user, DEMO_PASSWORD), json);
  }

  public JsonNode get(String path) throws Exception {
    return json.readTree(http.getForEntity(path, String.class).getBody());
  }

  public ResponseEntity<String> getEntity(String path) {
    return http.getForEntity(path, String.class);
  }

  public ResponseEntity<String> post(String path, String body) {
    HttpHeaders headers = new HttpHeaders();
    headers.setContentType(MediaType.APPLICATION_JSON);
    return http.postForEntity(path, new HttpEntity<>(body, headers), String.class);
  }

  public JsonNode read(ResponseEntity<String> response) throws Exception {
    return json.readTree(response.getBody());
  }

  /** Polls GET path until its 2xx answer satisfies the condition; fails naming the last answer. */
  public JsonNode await(String path, Predicate<JsonNode> until) throws Exception {
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
