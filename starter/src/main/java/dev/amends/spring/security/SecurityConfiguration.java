package dev.amends.spring.security;

import static dev.amends.spring.security.Roles.ADMIN;
import static dev.amends.spring.security.Roles.APPROVER;
import static dev.amends.spring.security.Roles.METRICS;
import static dev.amends.spring.security.Roles.OPERATOR;
import static org.springframework.http.HttpMethod.GET;
import static org.springframework.http.HttpMethod.POST;

import jakarta.servlet.DispatcherType;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.EnableWebSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.AccessDeniedHandler;
import tools.jackson.databind.json.JsonMapper;

/**
 * Who may call what: amends' own endpoints here, a service's own in its {@link EndpointRules}
 * beans, one rule per endpoint (docs/security.md explains them). A path without a rule is refused,
 * so a new endpoint stays shut until it gets one.
 *
 * <p>The API is stateless — credentials on every call, no session, no cookie — so there is no CSRF
 * token: a browser has no ambient credential of ours to replay.
 */
@Configuration(proxyBeanMethods = false)
@EnableWebSecurity
@EnableConfigurationProperties(AmendsSecurityProperties.class)
class SecurityConfiguration {

  @Bean
  SecurityFilterChain api(
      HttpSecurity http,
      ApiAuthentication authentication,
      JsonMapper json,
      ObjectProvider<EndpointRules> serviceRules)
      throws Exception {
    ProblemResponses problems = new ProblemResponses(json);
    AuthenticationEntryPoint refused =
        new ProblemAuthenticationEntryPoint(authentication.challenge(), problems);
    AccessDeniedHandler denied = new ProblemAccessDeniedHandler(problems);

    http.csrf(csrf -> csrf.disable())
        .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
        .requestCache(cache -> cache.disable())
        .formLogin(form -> form.disable())
        .logout(logout -> logout.disable())
        .exceptionHandling(e -> e.authenticationEntryPoint(refused).accessDeniedHandler(denied));
    authentication.configure(http, refused, denied);

    http.authorizeHttpRequests(
        rules ->
            rules
                // An error page rendered for a call that was already let through (or refused).
                .dispatcherTypeMatchers(DispatcherType.ERROR)
                .permitAll()

                // Probes: anyone, so orchestrators need no credentials.
                .requestMatchers(
                    GET,
                    "/actuator/health",
                    "/actuator/health/liveness",
                    "/actuator/health/readiness")
                .permitAll()
                // The scrape: a token or user that can read the metrics and do nothing else.
                .requestMatchers(GET, "/actuator/prometheus")
                .hasAnyRole(METRICS, ADMIN)
                .requestMatchers("/actuator/**")
                .hasRole(ADMIN)

                // Escalations and sagas: operators decide; approvers see what they approve.
                .requestMatchers(GET, "/escalations")
                .hasAnyRole(OPERATOR, APPROVER, ADMIN)
                .requestMatchers(GET, "/sagas/{sagaId}")
                .hasAnyRole(OPERATOR, APPROVER, ADMIN)
                .requestMatchers(POST, "/sagas/{sagaId}/escalations/{escalationId}")
                .hasAnyRole(OPERATOR, ADMIN)
                // A write-off's second person.
                .requestMatchers(POST, "/sagas/{sagaId}/escalations/{escalationId}/approval")
                .hasAnyRole(APPROVER, ADMIN)

                // Reading: runbooks for those who settle escalations; API docs for any caller.
                .requestMatchers(GET, "/docs/runbooks/**")
                .hasAnyRole(OPERATOR, APPROVER, ADMIN)
                .requestMatchers(GET, "/v3/api-docs", "/v3/api-docs/**", "/v3/api-docs.yaml")
                .authenticated()
                .requestMatchers(GET, "/swagger-ui.html", "/swagger-ui/**")
                .authenticated());

    // The service's own endpoints, then nothing else.
    serviceRules.orderedStream().forEach(service -> http.authorizeHttpRequests(service::authorize));
    http.authorizeHttpRequests(rules -> rules.anyRequest().denyAll());
    return http.build();
  }
}
