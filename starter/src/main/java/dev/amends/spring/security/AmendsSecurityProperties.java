package dev.amends.spring.security;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Who may call the API.
 *
 * @param demoPassword the demo users' password on the embedded default; generated when unset
 * @param rolesClaim the JWT claim (real profile) that lists the caller's roles
 * @param principalClaim the JWT claim that names the caller; {@code sub} when it is missing
 * @param approvalThreshold a write-off of an RML-3 effect or a drift at or above this amount (minor
 *     units) needs a second person, an approver; 0: every such write-off does
 */
@ConfigurationProperties("amends.security")
public record AmendsSecurityProperties(
    String demoPassword,
    @DefaultValue("roles") String rolesClaim,
    @DefaultValue("preferred_username") String principalClaim,
    @DefaultValue("0") long approvalThreshold) {

  public AmendsSecurityProperties {
    if (approvalThreshold < 0) {
      throw new IllegalArgumentException("amends.security.approval-threshold must not be negative");
    }
  }
}
