package dev.amends.spring.security;

import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AuthorizeHttpRequestsConfigurer;

/**
 * A service's own endpoints and who may call them. amends applies every such bean after its own
 * rules and before the final deny-all, so an endpoint without a rule stays shut.
 */
@FunctionalInterface
public interface EndpointRules {
  void authorize(
      AuthorizeHttpRequestsConfigurer<HttpSecurity>.AuthorizationManagerRequestMatcherRegistry
          rules);
}
