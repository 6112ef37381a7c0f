package dev.amends.spring.security;

import dev.amends.spring.autoconfigure.AmendsAutoConfiguration;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Import;

/**
 * Who may call what: amends' rules, each service's {@link EndpointRules}, then deny-all; demo users
 * on the embedded default, JWTs on {@code real} (docs/security.md).
 */
@AutoConfiguration(
    after = AmendsAutoConfiguration.class,
    beforeName = "org.springframework.boot.security.autoconfigure.SecurityAutoConfiguration")
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@Import({
  SecurityConfiguration.class,
  CodecServerSecurity.class,
  DemoUsersAuthentication.class,
  JwtConfiguration.class
})
public class AmendsSecurityAutoConfiguration {}
