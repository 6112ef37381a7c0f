package dev.amends.spring.console;

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
 * not the page showed its form. Pages and forms are let through by their {@link ConsoleSection}'s
 * roles, amends' own and a service's alike; anything else under {@code /console} is refused.
 */
@Configuration(proxyBeanMethods = false)
class ConsoleSecurity {
  @Bean
  @Order(Ordered.HIGHEST_PRECEDENCE + 100)
  SecurityFilterChain console(HttpSecurity http, ConsoleLogin login, ConsoleSections sections)
      throws Exception {
    http.securityMatcher(
            "/console",
            "/console/**",
            "/login",
            "/logout",
            "/oauth2/authorization/**",
            "/login/oauth2/code/**")
        .authorizeHttpRequests(
            rules -> {
              rules
                  .dispatcherTypeMatchers(DispatcherType.ERROR)
                  .permitAll()
                  .requestMatchers(GET, "/console/assets/**")
                  .permitAll()
                  .requestMatchers("/login", "/oauth2/authorization/**", "/login/oauth2/code/**")
                  .permitAll()
                  .requestMatchers(POST, "/logout")
                  .authenticated();
              // amends' sections and the service's, each with its readers and its forms.
              for (ConsoleSection section : sections.all()) {
                for (ConsoleSection.Form form : section.forms()) {
                  rules
                      .requestMatchers(POST, form.path())
                      .hasAnyRole(form.roles().toArray(String[]::new));
                }
                rules
                    .requestMatchers(GET, section.path(), section.path() + "/**")
                    .hasAnyRole(section.readers().toArray(String[]::new));
              }
              rules
                  .requestMatchers(GET, "/console", "/console/")
                  .authenticated()
                  .anyRequest()
                  .denyAll();
            })
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
