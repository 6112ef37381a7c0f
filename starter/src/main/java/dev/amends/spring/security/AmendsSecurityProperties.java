package dev.amends.spring.security;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Who may call the API.
 *
 * @param mode how people and services prove who they are: {@code demo} (one local user per role,
 *     HTTP Basic and a login form; the embedded default) or {@code oidc} (JWTs from an identity
 *     provider for the API, an OIDC login for the console)
 * @param demoPassword the demo users' password on the embedded default; generated when unset
 * @param rolesClaim the JWT claim (oidc mode) that lists the caller's roles
 * @param principalClaim the JWT claim that names the caller; {@code sub} when it is missing
 * @param approvalThreshold a write-off of an RML-3 effect or a drift at or above this amount (minor
 *     units) needs a second person, an approver; 0: every such write-off does
 */
@ConfigurationProperties("amends.security")
public record AmendsSecurityProperties(
    @DefaultValue("demo") Mode mode,
    String demoPassword,
    @DefaultValue("roles") String rolesClaim,
    @DefaultValue("preferred_username") String principalClaim,
    @DefaultValue("0") long approvalThreshold) {

  /** How callers authenticate. */
  public enum Mode {
    /** Demo users, one per role, with one password: for the embedded default only. */
    DEMO,
    /** An identity provider: bearer JWTs for the API, OIDC login for the console. */
    OIDC
  }

  public AmendsSecurityProperties {
    if (approvalThreshold < 0) {
      throw new IllegalArgumentException("amends.security.approval-threshold must not be negative");
    }
  }
}
