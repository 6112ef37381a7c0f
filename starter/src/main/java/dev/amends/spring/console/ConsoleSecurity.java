package dev.amends.spring.console;

import static dev.amends.spring.security.Roles.ADMIN;
import static dev.amends.spring.security.Roles.APPROVER;
import static dev.amends.spring.security.Roles.OPERATOR;
import static org.springframework.http.HttpMethod.GET;
import static org.springframework.http.HttpMethod.POST;

import dev.amends.spring.security.ConsoleLogin;
import jakarta.servlet.DispatcherType;
import java.nio.charset.StandardCharsets;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.security.web.authentication.LoginUrlAuthenticationEntryPoint;

/**
 * The console's own filter chain, ahead of the API's: people in a browser get a session (a cookie)
 * after logging in, so every form carries a CSRF token, and a POST without it is refused. The API
 * chain stays stateless and is not touched. Every console POST is checked here by role, whether or
 * not the page showed its form.
 */
@Configuration(proxyBeanMethods = false)
class ConsoleSecurity {
  static final String DECIDE = "/console/sagas/{sagaId}/escalations/{escalationId}/decision";
  static final String APPROVE = "/console/sagas/{sagaId}/escalations/{escalationId}/approval";

  @Bean
  @Order(Ordered.HIGHEST_PRECEDENCE + 100)
  SecurityFilterChain console(HttpSecurity http, ConsoleLogin login) throws Exception {
    http.securityMatcher(
            "/console",
            "/console/**",
            "/login",
            "/logout",
            "/oauth2/authorization/**",
            "/login/oauth2/code/**")
        .authorizeHttpRequests(
            rules ->
                rules
                    .dispatcherTypeMatchers(DispatcherType.ERROR)
                    .permitAll()
                    .requestMatchers(GET, "/console/assets/**")
                    .permitAll()
                    .requestMatchers("/login", "/oauth2/authorization/**", "/login/oauth2/code/**")
                    .permitAll()
                    .requestMatchers(POST, "/logout")
                    .authenticated()
                    // Decisions: operators; the second person of a write-off: approvers.
                    .requestMatchers(POST, DECIDE)
                    .hasAnyRole(OPERATOR, ADMIN)
                    .requestMatchers(POST, APPROVE)
                    .hasAnyRole(APPROVER, ADMIN)
                    .requestMatchers(GET, "/console/ledger")
                    .hasAnyRole(OPERATOR, ADMIN)
                    .requestMatchers(
                        GET,
                        "/console/inbox",
                        "/console/inbox/rows",
                        "/console/sagas",
                        "/console/sagas/**")
                    .hasAnyRole(OPERATOR, APPROVER, ADMIN)
                    .requestMatchers(GET, "/console", "/console/")
                    .authenticated()
                    .anyRequest()
                    .denyAll())
        .exceptionHandling(
            e ->
                e.authenticationEntryPoint(new LoginUrlAuthenticationEntryPoint("/login"))
                    .accessDeniedHandler(denied()))
        .logout(logout -> logout.logoutUrl("/logout").logoutSuccessUrl("/login?logout"))
        .headers(
            headers ->
                headers.contentSecurityPolicy(
                    csp ->
                        csp.policyDirectives(
                            "default-src 'self'; script-src 'self'; style-src 'self';"
                                + " img-src 'self' data:; form-action 'self';"
                                + " frame-ancestors 'none'")));
    login.configure(http);
    return http.build();
  }

  /** A refused page or form (a role that may not, or a missing CSRF token): 403, said plainly. */
  private static AccessDeniedHandler denied() {
    return (request, response, e) -> {
      response.setStatus(403);
      response.setContentType("text/html;charset=UTF-8");
      response
          .getOutputStream()
          .write(
              ("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Not allowed"
                      + " — amends console</title><link rel=\"stylesheet\""
                      + " href=\"/console/assets/console.css\"></head><body><main"
                      + " id=\"main\"><h1>Not allowed</h1><p>Your roles do not allow this, or"
                      + " the form had expired (its security token was missing or wrong).</p><p><a"
                      + " href=\"/console/\">Back to the console</a></p></main></body></html>")
                  .getBytes(StandardCharsets.UTF_8));
    };
  }
}
