package dev.amends.spring.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import dev.amends.activities.escalation.EscalationStore;
import dev.amends.activities.ledger.EffectLedger;
import dev.amends.saga.SagaState;
import dev.amends.saga.SagaStatus;
import dev.amends.saga.StepState;
import dev.amends.saga.StepStatus;
import dev.amends.saga.World;
import dev.amends.spring.config.AmendsProperties;
import dev.amends.spring.escalation.EscalationController;
import dev.amends.spring.sagas.SagaQueries;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowClientOptions;
import java.io.IOException;
import java.net.CookieManager;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;

/**
 * The console's login on the real profile, against a real OpenID provider started here (Spring
 * Authorization Server, its own context on its own port): the authorization code flow end to end
 * over HTTP, the person's roles read from the ID token's roles claim, their name from
 * preferred_username. amends' data sources are stand-ins: this is about the login.
 */
class ConsoleOidcLoginTest {
  private static final String[] NOT_HERE = {
    "dev.amends.spring.autoconfigure.AmendsAutoConfiguration",
    "dev.amends.spring.sagas.OperatorApiAutoConfiguration",
    "io.temporal.spring.boot.autoconfigure.MetricsScopeAutoConfiguration",
    "io.temporal.spring.boot.autoconfigure.OpenTracingAutoConfiguration",
    "io.temporal.spring.boot.autoconfigure.TestServerAutoConfiguration",
    "io.temporal.spring.boot.autoconfigure.ServiceStubsAutoConfiguration",
    "io.temporal.spring.boot.autoconfigure.RootNamespaceAutoConfiguration",
    "io.temporal.spring.boot.autoconfigure.NonRootNamespaceAutoConfiguration",
  };

  private static final String[] PROVIDER_ONLY = {
    "org.springframework.boot.security.oauth2.server.authorization.autoconfigure.servlet.OAuth2AuthorizationServerAutoConfiguration",
    "org.springframework.boot.security.oauth2.server.authorization.autoconfigure.servlet.OAuth2AuthorizationServerJwtAutoConfiguration",
  };

  static ConfigurableApplicationContext provider;
  static ConfigurableApplicationContext amends;
  static String amendsUrl;
  static String providerUrl;

  @BeforeAll
  static void start() throws IOException {
    int providerPort = freePort();
    int amendsPort = freePort();
    // Different host names: a browser keeps cookies per host, not per port.
    providerUrl = "http://localhost:" + providerPort;
    amendsUrl = "http://127.0.0.1:" + amendsPort;
    provider =
        OpenIdProvider.start(
            providerUrl, amendsUrl + "/login/oauth2/code/idp", "ana:OPERATOR", "ana-password");
    String registration = "spring.security.oauth2.client.registration.idp.";
    amends =
        new SpringApplicationBuilder(Amends.class)
            .properties(
                Map.ofEntries(
                    Map.entry("amends.security.mode", "oidc"),
                    Map.entry("server.port", amendsPort),
                    Map.entry(
                        "spring.autoconfigure.exclude",
                        String.join(",", NOT_HERE) + "," + String.join(",", PROVIDER_ONLY)),
                    Map.entry("spring.flyway.enabled", "false"),
                    Map.entry("amends.console.temporal-ui-url", "http://127.0.0.1:8233/"),
                    Map.entry("spring.security.oauth2.resourceserver.jwt.issuer-uri", providerUrl),
                    Map.entry(registration + "client-id", "amends-console"),
                    Map.entry(registration + "client-secret", "console-secret"),
                    Map.entry(registration + "client-name", "the test provider"),
                    Map.entry(registration + "scope", "openid,profile"),
                    Map.entry(
                        "spring.security.oauth2.client.provider.idp.issuer-uri", providerUrl)))
            .run();
  }

  @AfterAll
  static void stop() {
    if (amends != null) {
      amends.close();
    }
    if (provider != null) {
      provider.close();
    }
  }

  @Test
  void givenAPersonAtTheProvider_theyLogInToTheConsoleWithTheRolesOfTheirIdToken()
      throws Exception {
    HttpClient browser =
        HttpClient.newBuilder()
            .cookieHandler(new CookieManager())
            .followRedirects(HttpClient.Redirect.NORMAL)
            .build();

    HttpResponse<String> login = get(browser, amendsUrl + "/console/inbox");
    assertThat(login.uri().getPath()).isEqualTo("/login");
    assertThat(login.body()).contains("Log in with the test provider", "/oauth2/authorization/idp");

    HttpResponse<String> providerLogin = get(browser, amendsUrl + "/oauth2/authorization/idp");
    assertThat(providerLogin.uri().toString()).startsWith(providerUrl + "/login");
    String csrf = hidden(providerLogin.body(), "_csrf");

    HttpResponse<String> inbox =
        post(
            browser,
            providerUrl + "/login",
            Map.of("username", "ana", "password", "ana-password", "_csrf", csrf));

    // Back at the page first asked for (Spring's saved request adds "?continue").
    assertThat(inbox.uri().toString()).startsWith(amendsUrl + "/console/inbox");
    assertThat(inbox.statusCode()).isEqualTo(200);
    assertThat(inbox.body())
        .contains("Inbox: open escalations", "Logged in as <strong>ana</strong>");
    // OPERATOR from the ID token: the operator's pages, not an admin's.
    assertThat(get(browser, amendsUrl + "/console/ledger").statusCode()).isEqualTo(200);

    // On real, a saga's page links to its workflow in the Temporal Web UI.
    HttpResponse<String> saga = get(browser, amendsUrl + "/console/sagas/order-t-1");
    assertThat(saga.statusCode()).isEqualTo(200);
    assertThat(saga.body())
        .contains("href=\"http://127.0.0.1:8233/namespaces/default/workflows/order-t-1\"")
        .contains("order-t-1/chargeCard");

    // The session is the console's: the API still wants a bearer token.
    HttpResponse<String> api = get(browser, amendsUrl + "/escalations");
    assertThat(api.statusCode()).isEqualTo(401);
  }

  private static HttpResponse<String> get(HttpClient browser, String url) throws Exception {
    return browser.send(
        HttpRequest.newBuilder(URI.create(url)).header("Accept", "text/html").build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private static HttpResponse<String> post(HttpClient browser, String url, Map<String, String> form)
      throws Exception {
    String body =
        form.entrySet().stream()
            .map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
            .collect(Collectors.joining("&"));
    return browser.send(
        HttpRequest.newBuilder(URI.create(url))
            .header("Content-Type", "application/x-www-form-urlencoded")
            .header("Accept", "text/html")
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private static String hidden(String html, String name) {
    Matcher m = Pattern.compile("name=\"" + name + "\"[^>]*value=\"([^\"]+)\"").matcher(html);
    assertThat(m.find()).as("a hidden %s in %s", name, html).isTrue();
    return m.group(1);
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  /** amends on the real profile: its security and console, with stand-ins for its data. */
  @SpringBootConfiguration
  @EnableAutoConfiguration
  static class Amends {
    @Bean
    EscalationStore escalationStore() {
      EscalationStore store = mock(EscalationStore.class);
      when(store.list(true)).thenReturn(List.of());
      return store;
    }

    @Bean
    EffectLedger effectLedger() {
      EffectLedger ledger = mock(EffectLedger.class);
      when(ledger.latest(100)).thenReturn(List.of());
      return ledger;
    }

    @Bean
    SagaQueries sagaQueries() {
      SagaQueries sagas = mock(SagaQueries.class);
      when(sagas.state("order-t-1"))
          .thenReturn(
              new SagaState(
                  "order-t-1",
                  "order-fulfilment",
                  SagaStatus.COMPLETED,
                  List.of(
                      new StepState(
                          "chargeCard",
                          World.HISTORY,
                          StepStatus.DONE,
                          "order-t-1/chargeCard",
                          "order-t-1/chargeCard/undo",
                          null)),
                  List.of(),
                  List.of(),
                  0,
                  null,
                  null));
      return sagas;
    }

    @Bean
    EscalationController escalationController() {
      return mock(EscalationController.class);
    }

    @Bean
    AmendsProperties amendsProperties() {
      return new AmendsProperties(
          java.time.Duration.ofMinutes(30),
          5,
          "/",
          java.time.Duration.ofMinutes(2),
          1000,
          10,
          java.time.Duration.ofSeconds(5),
          java.time.Duration.ofSeconds(30));
    }

    @Bean
    WorkflowClient workflowClient() {
      WorkflowClient client = mock(WorkflowClient.class);
      when(client.getOptions())
          .thenReturn(WorkflowClientOptions.newBuilder().setNamespace("default").build());
      return client;
    }
  }
}
