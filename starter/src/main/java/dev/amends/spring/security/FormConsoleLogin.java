package dev.amends.spring.security;

import java.util.List;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;

/** The embedded default: a login form backed by the demo users the API knows over HTTP Basic. */
final class FormConsoleLogin implements ConsoleLogin {

  @Override
  public void configure(HttpSecurity http) throws Exception {
    http.formLogin(
        form ->
            form.loginPage("/login")
                .loginProcessingUrl("/login")
                .defaultSuccessUrl("/console/", false)
                .failureUrl("/login?error"));
  }

  @Override
  public boolean form() {
    return true;
  }

  @Override
  public List<Provider> providers() {
    return List.of();
  }
}
