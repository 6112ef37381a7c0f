package dev.amends.spring.console;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.oauth2.core.oidc.endpoint.OidcParameterNames;
import org.springframework.security.oauth2.server.authorization.token.JwtEncodingContext;
import org.springframework.security.oauth2.server.authorization.token.OAuth2TokenCustomizer;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;

/**
 * A real OpenID provider for tests of the console's login: Spring Boot's authorization server,
 * whose ID tokens carry the person's roles ({@code roles}) and name ({@code preferred_username}).
 * {@link ConsoleOidcLoginTest} starts it in its JVM; {@code ui-test/run-console.sh --real --oidc}
 * starts it as a process ({@link #main}) for the browser.
 */
@SpringBootConfiguration
@EnableAutoConfiguration
public class OpenIdProvider {
  /** amends' own auto-configuration, which has no business in the provider's context. */
  static final List<String> AMENDS =
      List.of(
          "dev.amends.spring.autoconfigure.AmendsAutoConfiguration",
          "dev.amends.spring.sagas.OperatorApiAutoConfiguration",
          "dev.amends.spring.security.AmendsSecurityAutoConfiguration",
          "dev.amends.spring.console.ConsoleAutoConfiguration",
          "io.temporal.spring.boot.autoconfigure.MetricsScopeAutoConfiguration",
          "io.temporal.spring.boot.autoconfigure.OpenTracingAutoConfiguration",
          "io.temporal.spring.boot.autoconfigure.TestServerAutoConfiguration",
          "io.temporal.spring.boot.autoconfigure.ServiceStubsAutoConfiguration",
          "io.temporal.spring.boot.autoconfigure.RootNamespaceAutoConfiguration",
          "io.temporal.spring.boot.autoconfigure.NonRootNamespaceAutoConfiguration");

  /**
   * Starts the provider.
   *
   * @param issuer its URL, e.g. {@code http://localhost:18320}
   * @param redirectUri amends' callback, e.g. {@code http://127.0.0.1:8080/login/oauth2/code/idp}
   * @param users name:ROLE+ROLE pairs, comma separated, e.g. {@code ana:OPERATOR,bo:APPROVER}
   * @param password every user's password
   */
  static ConfigurableApplicationContext start(
      String issuer, String redirectUri, String users, String password) {
    String port = issuer.substring(issuer.lastIndexOf(':') + 1).replaceAll("/.*", "");
    String client = "spring.security.oauth2.authorizationserver.client.amends.";
    return new SpringApplicationBuilder(OpenIdProvider.class)
        .properties(
            Map.ofEntries(
                Map.entry("server.port", port),
                Map.entry("spring.autoconfigure.exclude", String.join(",", AMENDS)),
                Map.entry("spring.flyway.enabled", "false"),
                Map.entry("spring.security.oauth2.authorizationserver.issuer", issuer),
                Map.entry(client + "registration.client-id", "amends-console"),
                Map.entry(client + "registration.client-secret", "{noop}console-secret"),
                Map.entry(
                    client + "registration.client-authentication-methods", "client_secret_basic"),
                Map.entry(client + "registration.authorization-grant-types", "authorization_code"),
                Map.entry(client + "registration.redirect-uris", redirectUri),
                Map.entry(client + "registration.scopes", "openid,profile"),
                Map.entry(client + "require-authorization-consent", "false"),
                Map.entry("amends-test-idp.users", users),
                Map.entry("amends-test-idp.password", password)))
        .run();
  }

  /** Arguments: issuer, redirect URI, users, password (see {@link #start}). */
  public static void main(String[] args) {
    if (args.length != 4) {
      System.err.println("usage: OpenIdProvider ISSUER REDIRECT_URI NAME:ROLE+ROLE,... PASSWORD");
      System.exit(2);
    }
    start(args[0], args[1], args[2], args[3]);
  }

  @Bean
  InMemoryUserDetailsManager people(
      @Value("${amends-test-idp.users}") String users,
      @Value("${amends-test-idp.password}") String password) {
    List<UserDetails> people = new ArrayList<>();
    for (String entry : users.split(",")) {
      String[] nameAndRoles = entry.strip().split(":", 2);
      people.add(
          User.withUsername(nameAndRoles[0])
              .password("{noop}" + password)
              .roles(nameAndRoles[1].split("\\+"))
              .build());
    }
    return new InMemoryUserDetailsManager(people);
  }

  @Bean
  OAuth2TokenCustomizer<JwtEncodingContext> rolesInIdTokens() {
    return context -> {
      if (OidcParameterNames.ID_TOKEN.equals(context.getTokenType().getValue())) {
        List<String> roles =
            context.getPrincipal().getAuthorities().stream()
                .map(GrantedAuthority::getAuthority)
                .filter(a -> a.startsWith("ROLE_"))
                .map(a -> a.substring("ROLE_".length()))
                .toList();
        context.getClaims().claim("roles", roles);
        context.getClaims().claim("preferred_username", context.getPrincipal().getName());
      }
    };
  }
}
