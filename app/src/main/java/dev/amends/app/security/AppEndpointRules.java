package dev.amends.app.security;

import static dev.amends.spring.security.Roles.ADMIN;
import static dev.amends.spring.security.Roles.APPROVER;
import static dev.amends.spring.security.Roles.EDITOR;
import static dev.amends.spring.security.Roles.OPERATOR;
import static dev.amends.spring.security.Roles.SERVICE;
import static org.springframework.http.HttpMethod.GET;
import static org.springframework.http.HttpMethod.POST;

import dev.amends.spring.security.EndpointRules;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AuthorizeHttpRequestsConfigurer;
import org.springframework.stereotype.Component;

/** Who may call this application's own endpoints; amends' operator API has its rules already. */
@Component
class AppEndpointRules implements EndpointRules {
  @Override
  public void authorize(
      AuthorizeHttpRequestsConfigurer<HttpSecurity>.AuthorizationManagerRequestMatcherRegistry
          rules) {
    rules
        // Orders: services start and read them; those who settle them read them too.
        .requestMatchers(POST, "/orders")
        .hasAnyRole(SERVICE, ADMIN)
        .requestMatchers(GET, "/orders/{orderId}")
        .hasAnyRole(SERVICE, OPERATOR, APPROVER, ADMIN)

        // The order flow's own paths to its escalations.
        .requestMatchers(POST, "/orders/{orderId}/escalations/{escalationId}")
        .hasAnyRole(OPERATOR, ADMIN)
        .requestMatchers(POST, "/orders/{orderId}/escalations/{escalationId}/approval")
        .hasAnyRole(APPROVER, ADMIN)

        // Ledger: operators read entries; verifying the whole chain is an admin's job.
        .requestMatchers(GET, "/ledger/entries")
        .hasAnyRole(OPERATOR, ADMIN)
        .requestMatchers(GET, "/ledger/verification")
        .hasRole(ADMIN)

        // Reconciler: operators read its reports and start a run.
        .requestMatchers(
            GET, "/reconciler/report", "/reconciler/schedule", "/reconciler/runs/{runId}")
        .hasAnyRole(OPERATOR, ADMIN)
        .requestMatchers(POST, "/reconciler/runs")
        .hasAnyRole(OPERATOR, ADMIN)

        // Stories: editors.
        .requestMatchers(GET, "/stories/{storyId}", "/stories/{storyId}/history")
        .hasAnyRole(EDITOR, ADMIN)
        .requestMatchers(POST, "/stories/{storyId}/edits", "/stories/{storyId}/rollback")
        .hasAnyRole(EDITOR, ADMIN)
        .requestMatchers(POST, "/undo/{undoId}")
        .hasAnyRole(EDITOR, ADMIN)

        // The sandboxes' switches (only on the embedded default and the sandbox profile).
        .requestMatchers(GET, "/sandbox/orders/{orderId}")
        .hasRole(ADMIN)
        .requestMatchers(POST, "/sandbox/heal", "/sandbox/payments")
        .hasRole(ADMIN);
  }
}
