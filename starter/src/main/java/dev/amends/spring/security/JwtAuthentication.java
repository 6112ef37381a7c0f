package dev.amends.spring.security;

import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.oauth2.server.resource.web.BearerTokenAuthenticationEntryPoint;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.access.AccessDeniedHandler;

/**
 * A bearer JWT on every call, checked by the decoder Spring Boot builds from
 * spring.security.oauth2.resourceserver.jwt.* (issuer, JWK set or public key).
 */
final class JwtAuthentication implements ApiAuthentication {
  private final JwtRoles roles;

  JwtAuthentication(JwtRoles roles) {
    this.roles = roles;
  }

  @Override
  public AuthenticationEntryPoint challenge() {
    // Sets status and WWW-Authenticate: Bearer (with the RFC 6750 error of a refused token).
    return new BearerTokenAuthenticationEntryPoint();
  }

  @Override
  public void configure(
      HttpSecurity http, AuthenticationEntryPoint refused, AccessDeniedHandler denied)
      throws Exception {
    http.oauth2ResourceServer(
        server ->
            server
                .jwt(jwt -> jwt.jwtAuthenticationConverter(roles))
                .authenticationEntryPoint(refused)
                .accessDeniedHandler(denied));
  }
}
