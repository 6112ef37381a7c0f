package dev.amends.spring.security;

import java.util.List;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;

/**
 * How people log in to the console: a form with the demo users on the embedded default, an OIDC
 * identity provider on {@code real}. Both end in a session whose authorities are the same ROLE_*
 * the API checks.
 */
public interface ConsoleLogin {

  /** Adds the login to the console's filter chain; the login page is {@code GET /login}. */
  void configure(HttpSecurity http) throws Exception;

  /** Whether the login page shows a user name and password form. */
  boolean form();

  /**
   * The identity providers to offer on the login page: each a name and the path that starts its
   * login ({@code /oauth2/authorization/<registration>}).
   */
  List<Provider> providers();

  record Provider(String name, String path) {}
}
