package dev.amends.spring.security;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;

/**
 * The embedded default: one demo user per role, named after it (admin holds every role), all with
 * one password, over HTTP Basic. Only in {@code amends.security.mode=demo}, the default; the app's
 * real profile sets {@code oidc}, which has no local users.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "amends.security.mode", havingValue = "demo", matchIfMissing = true)
class DemoUsersAuthentication {
  static final String REALM = "amends";
  private static final Logger log = LoggerFactory.getLogger(DemoUsersAuthentication.class);

  @Bean
  PasswordEncoder passwordEncoder() {
    return PasswordEncoderFactories.createDelegatingPasswordEncoder();
  }

  @Bean
  InMemoryUserDetailsManager demoUsers(
      AmendsSecurityProperties properties, PasswordEncoder encoder) {
    DemoPassword password = DemoPassword.of(properties.demoPassword(), new SecureRandom());
    String encoded = encoder.encode(password.value());
    List<UserDetails> users = new ArrayList<>();
    for (String role : Roles.ALL) {
      List<String> roles = role.equals(Roles.ADMIN) ? Roles.ALL : List.of(role);
      users.add(
          User.withUsername(role.toLowerCase(Locale.ROOT))
              .password(encoded)
              .roles(roles.toArray(String[]::new))
              .build());
    }
    if (password.generated()) {
      // The one place a password is ever printed: nobody could log in otherwise.
      log.warn(
          "amends demo users service, editor, operator, approver, metrics, admin — password: {}"
              + " (set AMENDS_SECURITY_DEMO_PASSWORD to choose one)",
          password.value());
    }
    return new InMemoryUserDetailsManager(users);
  }

  @Bean
  ApiAuthentication httpBasic() {
    return new HttpBasicAuthentication(REALM);
  }

  /** The console's login form, with the same users. */
  @Bean
  ConsoleLogin consoleLogin() {
    return new FormConsoleLogin();
  }
}
