package dev.amends.examples.trip;

import static dev.amends.spring.security.Roles.ADMIN;
import static dev.amends.spring.security.Roles.APPROVER;
import static dev.amends.spring.security.Roles.OPERATOR;
import static dev.amends.spring.security.Roles.SERVICE;
import static org.springframework.http.HttpMethod.GET;
import static org.springframework.http.HttpMethod.POST;

import dev.amends.spring.security.EndpointRules;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AuthorizeHttpRequestsConfigurer;
import org.springframework.stereotype.Component;

/** Who may call the example's own endpoints; amends' operator API brings its own rules. */
@Component
class TripEndpointRules implements EndpointRules {
  @Override
  public void authorize(
      AuthorizeHttpRequestsConfigurer<HttpSecurity>.AuthorizationManagerRequestMatcherRegistry
          rules) {
    rules
        .requestMatchers(POST, "/trips")
        .hasAnyRole(SERVICE, ADMIN)
        .requestMatchers(GET, "/trips/{tripId}")
        .hasAnyRole(SERVICE, OPERATOR, APPROVER, ADMIN)
        .requestMatchers(GET, "/sandbox/trips/{tripId}")
        .hasRole(ADMIN)
        .requestMatchers(POST, "/sandbox/heal")
        .hasRole(ADMIN);
  }
}
