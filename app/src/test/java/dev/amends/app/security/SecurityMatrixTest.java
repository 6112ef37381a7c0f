package dev.amends.app.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.when;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.request;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.amends.app.api.ApiClient;
import dev.amends.app.reconcile.ReconcilerRunner;
import dev.amends.spring.security.Roles;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.test.web.servlet.request.RequestPostProcessor;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/**
 * Every endpoint, called anonymously and as each role, gets the answer its rule promises; and every
 * endpoint of the application has a row here, so one added without a rule fails this test.
 */
@SpringBootTest
@AutoConfigureMockMvc
@ActiveProfiles("test")
class SecurityMatrixTest {
  private static final String ANYONE = "anyone";
  private static final String AUTHENTICATED = "authenticated";
  private static final String NOBODY = "nobody";
  private static final String ADMIN = Roles.ADMIN;
  private static final String APPROVER = Roles.APPROVER;
  private static final String EDITOR = Roles.EDITOR;
  private static final String OPERATOR = Roles.OPERATOR;
  private static final String SERVICE = Roles.SERVICE;
  private static final String METRICS = Roles.METRICS;

  /**
   * One endpoint: how the application maps it, a request that reaches it, and who may call it. Kind
   * says where it comes from: a handler method, or something else (actuator, static files).
   */
  record Row(Kind kind, String method, String pattern, String example, Set<String> allowed) {
    String key() {
      return method + " " + pattern;
    }
  }

  enum Kind {
    HANDLER,
    OTHER,
    /** A console page or form: its own chain, a session, a login page instead of a 401. */
    CONSOLE_HANDLER,
    CONSOLE_OTHER;

    boolean handler() {
      return this == HANDLER || this == CONSOLE_HANDLER;
    }

    boolean console() {
      return this == CONSOLE_HANDLER || this == CONSOLE_OTHER;
    }
  }

  private static final List<Row> ROWS = new ArrayList<>();

  static {
    handler("POST", "/orders", "/orders", SERVICE, ADMIN);
    handler("GET", "/orders/{orderId}", "/orders/m-1", SERVICE, OPERATOR, APPROVER, ADMIN);
    handler("GET", "/escalations", "/escalations", OPERATOR, APPROVER, ADMIN);
    handler("GET", "/sagas/{sagaId}", "/sagas/order-m-1", OPERATOR, APPROVER, ADMIN);
    handler(
        "POST",
        "/orders/{orderId}/escalations/{escalationId}",
        "/orders/m-1/escalations/e-1",
        OPERATOR,
        ADMIN);
    handler(
        "POST",
        "/sagas/{sagaId}/escalations/{escalationId}",
        "/sagas/order-m-1/escalations/e-1",
        OPERATOR,
        ADMIN);
    handler(
        "POST",
        "/orders/{orderId}/escalations/{escalationId}/approval",
        "/orders/m-1/escalations/e-1/approval",
        APPROVER,
        ADMIN);
    handler(
        "POST",
        "/sagas/{sagaId}/escalations/{escalationId}/approval",
        "/sagas/order-m-1/escalations/e-1/approval",
        APPROVER,
        ADMIN);
    handler("GET", "/ledger/entries", "/ledger/entries", OPERATOR, ADMIN);
    handler("GET", "/ledger/verification", "/ledger/verification", ADMIN);
    handler("GET", "/reconciler/report", "/reconciler/report", OPERATOR, ADMIN);
    handler("POST", "/reconciler/runs", "/reconciler/runs", OPERATOR, ADMIN);
    handler(
        "GET", "/reconciler/runs/{runId}", "/reconciler/runs/amends-reconciler-m", OPERATOR, ADMIN);
    handler("GET", "/reconciler/schedule", "/reconciler/schedule", OPERATOR, ADMIN);
    handler("GET", "/stories/{storyId}", "/stories/m-1", EDITOR, ADMIN);
    handler("GET", "/stories/{storyId}/history", "/stories/m-1/history", EDITOR, ADMIN);
    handler("POST", "/stories/{storyId}/edits", "/stories/m-1/edits", EDITOR, ADMIN);
    handler("POST", "/stories/{storyId}/rollback", "/stories/m-1/rollback", EDITOR, ADMIN);
    handler("POST", "/undo/{undoId}", "/undo/u-none", EDITOR, ADMIN);
    handler("POST", "/sandbox/heal", "/sandbox/heal", ADMIN);
    handler("POST", "/sandbox/payments", "/sandbox/payments", ADMIN);
    handler("GET", "/sandbox/orders/{orderId}", "/sandbox/orders/m-1", ADMIN);
    // The codec server: decrypted payloads hold customers' private data.
    handler("POST", "/codec/encode", "/codec/encode", OPERATOR, ADMIN);
    handler("POST", "/codec/decode", "/codec/decode", OPERATOR, ADMIN);
    other("GET", "(no rule)", "/codec/keys", NOBODY);
    handler("GET", "/v3/api-docs", "/v3/api-docs", AUTHENTICATED);
    handler("GET", "/v3/api-docs.yaml", "/v3/api-docs.yaml", AUTHENTICATED);
    handler("GET", "/v3/api-docs/swagger-config", "/v3/api-docs/swagger-config", AUTHENTICATED);
    handler("GET", "/swagger-ui.html", "/swagger-ui.html", AUTHENTICATED);
    // Spring Boot's error page: rendered for refused and failed calls, never called directly.
    handler("ANY", "/error", "/error", NOBODY);

    other("GET", "/actuator/health", "/actuator/health", ANYONE);
    other("GET", "/actuator/health/liveness", "/actuator/health/liveness", ANYONE);
    other("GET", "/actuator/health/readiness", "/actuator/health/readiness", ANYONE);
    other("GET", "/actuator", "/actuator", ADMIN);
    other("GET", "/actuator/info", "/actuator/info", ADMIN);
    other("GET", "/actuator/metrics", "/actuator/metrics", ADMIN);
    other("GET", "/actuator/prometheus", "/actuator/prometheus", METRICS, ADMIN);
    other("GET", "/docs/runbooks/**", "/docs/runbooks/refund-charge.md", OPERATOR, APPROVER, ADMIN);
    other("GET", "/swagger-ui/**", "/swagger-ui/index.html", AUTHENTICATED);
    other("GET", "(no rule)", "/no-such-endpoint", NOBODY);

    // The console: people with a session; anonymous callers are sent to the login page.
    console("GET", "/login", "/login", ANYONE);
    console("GET", "/console", "/console", AUTHENTICATED);
    console("GET", "/console/", "/console/", AUTHENTICATED);
    console("GET", "/console/inbox", "/console/inbox", OPERATOR, APPROVER, ADMIN);
    console("GET", "/console/inbox/rows", "/console/inbox/rows", OPERATOR, APPROVER, ADMIN);
    console("GET", "/console/sagas", "/console/sagas", OPERATOR, APPROVER, ADMIN);
    console(
        "GET", "/console/sagas/{sagaId}", "/console/sagas/order-m-1", OPERATOR, APPROVER, ADMIN);
    console(
        "GET",
        "/console/sagas/{sagaId}/escalations/{escalationId}",
        "/console/sagas/order-m-1/escalations/e-1",
        OPERATOR,
        APPROVER,
        ADMIN);
    console(
        "POST",
        "/console/sagas/{sagaId}/escalations/{escalationId}/decision",
        "/console/sagas/order-m-1/escalations/e-1/decision",
        OPERATOR,
        ADMIN);
    console(
        "POST",
        "/console/sagas/{sagaId}/escalations/{escalationId}/approval",
        "/console/sagas/order-m-1/escalations/e-1/approval",
        APPROVER,
        ADMIN);
    console("GET", "/console/ledger", "/console/ledger", OPERATOR, ADMIN);
    // The application's own sections: the ledger and reconciler page, and the stories pages.
    console("GET", "/console/reconciler", "/console/reconciler", OPERATOR, ADMIN);
    console("POST", "/console/reconciler/runs", "/console/reconciler/runs", OPERATOR, ADMIN);
    console(
        "POST", "/console/reconciler/verifications", "/console/reconciler/verifications", ADMIN);
    console("GET", "/console/stories", "/console/stories", EDITOR, ADMIN);
    console("GET", "/console/stories/{storyId}", "/console/stories/m-1", EDITOR, ADMIN);
    console(
        "POST",
        "/console/stories/{storyId}/undo/{undoId}",
        "/console/stories/m-1/undo/u-none",
        EDITOR,
        ADMIN);
    console(
        "POST",
        "/console/stories/{storyId}/rollback",
        "/console/stories/m-1/rollback",
        EDITOR,
        ADMIN);
    consoleOther("POST", "(no rule)", "/console/stories/m-1/edits", NOBODY);
    consoleOther("GET", "/console/assets/**", "/console/assets/console.css", ANYONE);
    consoleOther("POST", "/login", "/login", ANYONE);
    consoleOther("POST", "/logout", "/logout", AUTHENTICATED);
    consoleOther("GET", "(no rule)", "/console/no-such-page", NOBODY);
    other("POST", "(no rule)", "/orders/m-1", NOBODY);
  }

  /** Who calls: nobody, each demo user (admin holds every role), and a caller with ADMIN alone. */
  private static final List<String> CALLERS =
      List.of(
          "anonymous",
          "service",
          "editor",
          "operator",
          "approver",
          "metrics",
          "admin",
          "admin-only");

  @Autowired MockMvc mvc;
  final ObjectMapper json = new ObjectMapper();

  @Autowired
  @Qualifier("requestMappingHandlerMapping")
  RequestMappingHandlerMapping handlers;

  // A run started here would reconcile the sandboxes other tests share (one in-memory database).
  @MockitoBean ReconcilerRunner runs;

  @BeforeEach
  void runsStartNothing() {
    when(runs.startNow(anyString())).thenReturn("amends-reconciler-matrix");
  }

  @Test
  void givenEveryEndpointAndEveryCaller_itAnswersAsTheRuleSays() throws Exception {
    List<String> wrong = new ArrayList<>();
    for (Row row : ROWS) {
      for (String caller : CALLERS) {
        int status = call(row, caller);
        int expected = expected(row, caller);
        boolean ok = expected == 0 ? status != 401 && status != 403 : status == expected;
        if (!ok) {
          wrong.add(
              row.key()
                  + " ("
                  + row.example()
                  + ") as "
                  + caller
                  + ": got "
                  + status
                  + ", expected "
                  + (expected == 0 ? "neither 401 nor 403" : expected));
        }
      }
    }
    assertThat(wrong).as("answers that break the rules").isEmpty();
  }

  @Test
  void givenTheApplicationsHandlerMethods_eachHasARowAndEachHandlerRowAHandler() {
    Set<String> mapped = new TreeSet<>();
    for (RequestMappingInfo info : handlers.getHandlerMethods().keySet()) {
      Set<String> methods = new TreeSet<>();
      info.getMethodsCondition().getMethods().forEach(m -> methods.add(m.name()));
      if (methods.isEmpty()) {
        methods.add("ANY");
      }
      for (String pattern : info.getPatternValues()) {
        methods.forEach(m -> mapped.add(m + " " + pattern));
      }
    }
    Set<String> rows = new TreeSet<>();
    ROWS.stream().filter(r -> r.kind().handler()).forEach(r -> rows.add(r.key()));

    Set<String> withoutRow = new TreeSet<>(mapped);
    withoutRow.removeAll(rows);
    assertThat(withoutRow)
        .as("endpoints without a row here: give each a rule in SecurityConfiguration and a row")
        .isEmpty();
    Set<String> withoutHandler = new TreeSet<>(rows);
    withoutHandler.removeAll(mapped);
    assertThat(withoutHandler).as("rows for endpoints the application no longer has").isEmpty();
  }

  @Test
  void givenNoCredentials_itAnswers401AsProblemJsonWithAChallenge() throws Exception {
    MockHttpServletResponse refused =
        mvc.perform(request(HttpMethod.GET, "/escalations")).andReturn().getResponse();

    assertThat(refused.getStatus()).isEqualTo(401);
    assertThat(refused.getHeader(HttpHeaders.WWW_AUTHENTICATE)).isEqualTo("Basic realm=\"amends\"");
    assertProblem(refused, 401, "/escalations");
  }

  @Test
  void givenAWrongPassword_itAnswers401AsProblemJson() throws Exception {
    MockHttpServletResponse refused =
        mvc.perform(request(HttpMethod.GET, "/escalations").with(httpBasic("operator", "not-it")))
            .andReturn()
            .getResponse();

    assertThat(refused.getStatus()).isEqualTo(401);
    assertThat(refused.getHeader(HttpHeaders.WWW_AUTHENTICATE)).startsWith("Basic");
    assertProblem(refused, 401, "/escalations");
  }

  @Test
  void givenARoleThatIsNotAllowed_itAnswers403AsProblemJson() throws Exception {
    MockHttpServletResponse refused =
        mvc.perform(as(request(HttpMethod.GET, "/escalations"), "editor"))
            .andReturn()
            .getResponse();

    assertProblem(refused, 403, "/escalations");
  }

  @Test
  void givenAnAuthenticatedCall_itSetsNoSessionCookie() throws Exception {
    MvcResult result =
        mvc.perform(as(request(HttpMethod.GET, "/escalations"), "operator")).andReturn();

    assertThat(result.getResponse().getStatus()).isEqualTo(200);
    assertThat(result.getResponse().getHeaders(HttpHeaders.SET_COOKIE)).isEmpty();
    assertThat(result.getResponse().getCookies()).isEmpty();
    assertThat(result.getRequest().getSession(false)).isNull();
  }

  private void assertProblem(MockHttpServletResponse response, int status, String path)
      throws Exception {
    assertThat(response.getStatus()).isEqualTo(status);
    assertThat(MediaType.parseMediaType(response.getContentType()))
        .isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
    JsonNode problem = json.readTree(response.getContentAsString());
    assertThat(problem.get("status").asInt()).isEqualTo(status);
    assertThat(problem.get("title").asText()).isNotBlank();
    assertThat(problem.get("detail").asText()).contains(path);
    assertThat(problem.get("instance").asText()).isEqualTo(path);
  }

  private int call(Row row, String caller) throws Exception {
    String method = row.method().equals("ANY") ? "GET" : row.method();
    MockHttpServletRequestBuilder request = request(HttpMethod.valueOf(method), row.example());
    if (row.kind().console()) {
      // A session's user, and a valid CSRF token on forms: only the role decides.
      if (method.equals("POST")) {
        request.with(csrf());
      }
      request = asConsoleUser(request, caller);
    } else if (method.equals("POST")) {
      request.contentType(MediaType.APPLICATION_JSON).content("{}");
    }
    if (!row.kind().console()) {
      request = as(request, caller);
    }
    try {
      return mvc.perform(request).andReturn().getResponse().getStatus();
    } catch (Exception thrownByTheEndpoint) {
      // MockMvc has no error page: an endpoint that failed was reached, past the rules.
      return 500;
    }
  }

  private static MockHttpServletRequestBuilder as(
      MockHttpServletRequestBuilder request, String caller) {
    RequestPostProcessor credentials =
        switch (caller) {
          case "anonymous" -> r -> r;
          case "admin-only" -> user("root").roles(ADMIN);
          default -> httpBasic(caller, ApiClient.DEMO_PASSWORD);
        };
    return request.with(credentials);
  }

  private static MockHttpServletRequestBuilder asConsoleUser(
      MockHttpServletRequestBuilder request, String caller) {
    return switch (caller) {
      case "anonymous" -> request;
      case "admin-only" -> request.with(user("root").roles(ADMIN));
      case "admin" -> request.with(user("admin").roles(Roles.ALL.toArray(String[]::new)));
      default -> request.with(user(caller).roles(caller.toUpperCase(Locale.ROOT)));
    };
  }

  /**
   * 0 for "let through", else the refusal: 401 anonymous (302 to the login page in the console),
   * 403 authenticated.
   */
  private static int expected(Row row, String caller) {
    if (row.allowed().contains(ANYONE)) {
      return 0;
    }
    if (caller.equals("anonymous")) {
      return row.kind().console() ? 302 : 401;
    }
    if (row.allowed().contains(NOBODY)) {
      return 403;
    }
    if (row.allowed().contains(AUTHENTICATED)) {
      return 0;
    }
    Set<String> roles =
        switch (caller) {
          case "admin" -> Set.copyOf(Roles.ALL);
          case "admin-only" -> Set.of(ADMIN);
          default -> Set.of(caller.toUpperCase(Locale.ROOT));
        };
    return roles.stream().anyMatch(row.allowed()::contains) ? 0 : 403;
  }

  private static void handler(String method, String pattern, String example, String... allowed) {
    ROWS.add(new Row(Kind.HANDLER, method, pattern, example, Set.of(allowed)));
  }

  private static void other(String method, String pattern, String example, String... allowed) {
    ROWS.add(new Row(Kind.OTHER, method, pattern, example, Set.of(allowed)));
  }

  private static void console(String method, String pattern, String example, String... allowed) {
    ROWS.add(new Row(Kind.CONSOLE_HANDLER, method, pattern, example, Set.of(allowed)));
  }

  private static void consoleOther(
      String method, String pattern, String example, String... allowed) {
    ROWS.add(new Row(Kind.CONSOLE_OTHER, method, pattern, example, Set.of(allowed)));
  }
}
