package dev.amends.spring.security;

import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;
import org.springframework.core.convert.converter.Converter;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;

/**
 * Turns a verified JWT into a caller: its name from the principal claim (else {@code sub}), its
 * roles from the roles claim — a list of strings, or one space-separated string — as ROLE_*
 * authorities. A dotted claim name walks into objects ({@code realm_access.roles}).
 */
final class JwtRoles implements Converter<Jwt, AbstractAuthenticationToken> {
  private final String rolesClaim;
  private final String principalClaim;

  JwtRoles(String rolesClaim, String principalClaim) {
    this.rolesClaim = rolesClaim;
    this.principalClaim = principalClaim;
  }

  @Override
  public AbstractAuthenticationToken convert(Jwt jwt) {
    return new JwtAuthenticationToken(
        jwt,
        authorities(jwt.getClaims(), rolesClaim),
        principal(jwt.getClaims(), principalClaim, jwt.getSubject()));
  }

  /** The roles claim as ROLE_* authorities (also for the console's OIDC login). */
  static List<SimpleGrantedAuthority> authorities(Map<String, Object> claims, String rolesClaim) {
    return roles(claim(claims, rolesClaim))
        .map(String::strip)
        .filter(role -> !role.isEmpty())
        .map(role -> new SimpleGrantedAuthority("ROLE_" + role.toUpperCase(Locale.ROOT)))
        .distinct()
        .toList();
  }

  /** The principal claim, or the fallback (the subject) when it is missing or blank. */
  static String principal(Map<String, Object> claims, String principalClaim, String fallback) {
    Object name = claim(claims, principalClaim);
    return name instanceof String s && !s.isBlank() ? s : fallback;
  }

  private static Stream<String> roles(Object claim) {
    if (claim instanceof Collection<?> list) {
      return list.stream().filter(String.class::isInstance).map(String.class::cast);
    }
    if (claim instanceof String spaced) {
      return Stream.of(spaced.split("\\s+"));
    }
    return Stream.empty();
  }

  private static Object claim(Map<String, Object> claims, String name) {
    Object value = claims.get(name);
    if (value != null || !name.contains(".")) {
      return value;
    }
    Object current = claims;
    for (String part : name.split("\\.")) {
      if (!(current instanceof Map<?, ?> map)) {
        return null;
      }
      current = map.get(part);
    }
    return current;
  }
}
