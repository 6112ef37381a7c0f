package dev.amends.spring.security;

import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.access.AccessDeniedHandler;

/** User name and password on every call (the API keeps no session), for the demo users. */
final class HttpBasicAuthentication implements ApiAuthentication {
  private final String realm;

  HttpBasicAuthentication(String realm) {
    this.realm = realm;
  }

  @Override
  public AuthenticationEntryPoint challenge() {
    return (request, response, e) ->
        response.setHeader("WWW-Authenticate", "Basic realm=\"" + realm + "\"");
  }

  @Override
  public void configure(
      HttpSecurity http, AuthenticationEntryPoint refused, AccessDeniedHandler denied)
      throws Exception {
    http.httpBasic(basic -> basic.realmName(realm).authenticationEntryPoint(refused));
  }
}
