package dev.amends.security;

import static dev.amends.security.Roles.ADMIN;
import static dev.amends.security.Roles.APPROVER;
import static dev.amends.security.Roles.EDITOR;
import static dev.amends.security.Roles.OPERATOR;
import static dev.amends.security.Roles.SERVICE;
import static org.springframework.http.HttpMethod.GET;
import static org.springframework.http.HttpMethod.POST;

import tools.jackson.databind.json.JsonMapper;
import jakarta.servlet.DispatcherType;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.EnableWebSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.AccessDeniedHandler;

/**
 * Who may call what: the whole table is here, one rule per endpoint (docs/security.md explains
 * it). A path without a rule is refused, so a new endpoint stays shut until it gets one.
 *
 * <p>The API is stateless — credentials on every call, no session, no cookie — so there is no
 * CSRF token: a browser has no ambient credential of ours to replay.
 */
@Configuration(proxyBeanMethods = false)
@EnableWebSecurity
@EnableConfigurationProperties(AmendsSecurityProperties.class)
class SecurityConfiguration {

  @Bean
  SecurityFilterChain api(HttpSecurity http, ApiAuthentication authentication, JsonMapper json)
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
                .dispatcherTypeMatchers(DispatcherType.ERROR).permitAll()

                // Probes: anyone, so orchestrators need no credentials.
                .requestMatchers(
                    GET, "/actuator/health", "/actuator/health/liveness", "/actuator/health/readiness")
                .permitAll()
                .requestMatchers("/actuator/**").hasRole(ADMIN)

                // Orders: services start and read them; those who settle them read them too.
                .requestMatchers(POST, "/orders").hasAnyRole(SERVICE, ADMIN)
                .requestMatchers(GET, "/orders/{orderId}")
                .hasAnyRole(SERVICE, OPERATOR, APPROVER, ADMIN)

                // Escalations and sagas: operators decide; approvers see what they approve.
                .requestMatchers(GET, "/escalations").hasAnyRole(OPERATOR, APPROVER, ADMIN)
                .requestMatchers(GET, "/sagas/{sagaId}").hasAnyRole(OPERATOR, APPROVER, ADMIN)
                .requestMatchers(POST, "/orders/{orderId}/escalations/{escalationId}")
                .hasAnyRole(OPERATOR, ADMIN)
                .requestMatchers(POST, "/sagas/{sagaId}/escalations/{escalationId}")
                .hasAnyRole(OPERATOR, ADMIN)
                // A write-off's second person.
                .requestMatchers(POST, "/orders/{orderId}/escalations/{escalationId}/approval")
                .hasAnyRole(APPROVER, ADMIN)
                .requestMatchers(POST, "/sagas/{sagaId}/escalations/{escalationId}/approval")
                .hasAnyRole(APPROVER, ADMIN)

                // Ledger: operators read entries; verifying the whole chain is an admin's job.
                .requestMatchers(GET, "/ledger/entries").hasAnyRole(OPERATOR, ADMIN)
                .requestMatchers(GET, "/ledger/verification").hasRole(ADMIN)

                // Reconciler: operators read its reports and start a run.
                .requestMatchers(
                    GET, "/reconciler/report", "/reconciler/schedule", "/reconciler/runs/{runId}")
                .hasAnyRole(OPERATOR, ADMIN)
                .requestMatchers(POST, "/reconciler/runs").hasAnyRole(OPERATOR, ADMIN)

                // Stories: editors.
                .requestMatchers(GET, "/stories/{storyId}", "/stories/{storyId}/history")
                .hasAnyRole(EDITOR, ADMIN)
                .requestMatchers(POST, "/stories/{storyId}/edits", "/stories/{storyId}/rollback")
                .hasAnyRole(EDITOR, ADMIN)
                .requestMatchers(POST, "/undo/{undoId}").hasAnyRole(EDITOR, ADMIN)

                // The sandboxes' switches (only on the embedded default and the sandbox profile).
                .requestMatchers(GET, "/sandbox/orders/{orderId}").hasRole(ADMIN)
                .requestMatchers(POST, "/sandbox/heal", "/sandbox/payments").hasRole(ADMIN)

                // Reading: runbooks for those who settle escalations; API docs for any caller.
                .requestMatchers(GET, "/docs/runbooks/**").hasAnyRole(OPERATOR, APPROVER, ADMIN)
                .requestMatchers(GET, "/v3/api-docs", "/v3/api-docs/**", "/v3/api-docs.yaml")
                .authenticated()
                .requestMatchers(GET, "/swagger-ui.html", "/swagger-ui/**").authenticated()

                .anyRequest().denyAll());
    return http.build();
  }
}
