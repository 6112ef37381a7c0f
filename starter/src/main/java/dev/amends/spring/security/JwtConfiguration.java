package dev.amends.spring.security;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;

/**
 * {@code amends.security.mode=oidc}: callers bring a JWT from the identity provider; there are no
 * local users. The decoder is Spring Boot's, from spring.security.oauth2.resourceserver.jwt.*;
 * without one of issuer-uri, jwk-set-uri or public-key-location the application refuses to start.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "amends.security.mode", havingValue = "oidc")
class JwtConfiguration {

  @Bean
  ApiAuthentication bearerJwt(AmendsSecurityProperties properties) {
    return new JwtAuthentication(
        new JwtRoles(properties.rolesClaim(), properties.principalClaim()));
  }

  /** The console's login at the identity provider (spring.security.oauth2.client.*). */
  @Bean
  ConsoleLogin consoleLogin(
      ObjectProvider<ClientRegistrationRepository> registrations,
      AmendsSecurityProperties properties) {
    return new OidcConsoleLogin(registrations.getIfAvailable(), properties);
  }
}
