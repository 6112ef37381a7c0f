package dev.amends.spring.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.oauth2.jwt.Jwt;

/** From a verified token to a caller: its name and its roles, as configured. */
class JwtRolesTest {
  private final JwtRoles defaults = new JwtRoles("roles", "preferred_username");

  @Test
  void givenAListOfRoles_itGrantsEachAsARoleAuthority() {
    AbstractAuthenticationToken caller =
        defaults.convert(jwt(Map.of("roles", List.of("OPERATOR", "approver"))));

    assertThat(authorities(caller)).containsExactly("ROLE_OPERATOR", "ROLE_APPROVER");
  }

  @Test
  void givenASpaceSeparatedString_itGrantsEachRole() {
    assertThat(authorities(defaults.convert(jwt(Map.of("roles", "EDITOR  SERVICE")))))
        .containsExactly("ROLE_EDITOR", "ROLE_SERVICE");
  }

  @Test
  void givenNoRolesClaim_itGrantsNothing() {
    assertThat(authorities(defaults.convert(jwt(Map.of())))).isEmpty();
  }

  @Test
  void givenADottedClaimName_itReadsTheNestedClaim() {
    JwtRoles nested = new JwtRoles("realm_access.roles", "preferred_username");

    Jwt keycloakStyle = jwt(Map.of("realm_access", Map.of("roles", List.of("ADMIN"))));

    assertThat(authorities(nested.convert(keycloakStyle))).containsExactly("ROLE_ADMIN");
  }

  @Test
  void givenThePrincipalClaim_itNamesTheCaller_elseTheSubjectDoes() {
    assertThat(defaults.convert(jwt(Map.of("preferred_username", "ana"))).getName())
        .isEqualTo("ana");
    assertThat(defaults.convert(jwt(Map.of())).getName()).isEqualTo("u-42");
    assertThat(
            new JwtRoles("roles", "email")
                .convert(jwt(Map.of("email", "bo@example.com")))
                .getName())
        .isEqualTo("bo@example.com");
  }

  private static Jwt jwt(Map<String, Object> claims) {
    Jwt.Builder jwt =
        Jwt.withTokenValue("t").header("alg", "RS256").subject("u-42").issuedAt(Instant.now());
    claims.forEach(jwt::claim);
    return jwt.build();
  }

  private static List<String> authorities(AbstractAuthenticationToken caller) {
    return caller.getAuthorities().stream().map(GrantedAuthority::getAuthority).toList();
  }
}
