package dev.amends.spring.security;

import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.access.AccessDeniedHandler;

/** How callers prove who they are: demo users over HTTP Basic, or JWTs on the real profile. */
interface ApiAuthentication {

  /** Sets WWW-Authenticate for the scheme, and nothing else, when a call needs credentials. */
  AuthenticationEntryPoint challenge();

  /**
   * Adds the scheme's filter to the chain; its refusals go to the entry point and handler given.
   */
  void configure(HttpSecurity http, AuthenticationEntryPoint refused, AccessDeniedHandler denied)
      throws Exception;
}
