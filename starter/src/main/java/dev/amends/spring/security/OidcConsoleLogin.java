package dev.amends.spring.security;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.oauth2.client.oidc.userinfo.OidcUserRequest;
import org.springframework.security.oauth2.client.oidc.userinfo.OidcUserService;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.security.oauth2.client.userinfo.OAuth2UserService;
import org.springframework.security.oauth2.core.oidc.user.DefaultOidcUser;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;

/**
 * The real profile: people log in at the identity provider (OIDC authorization code flow), with
 * Spring Boot's client registrations ({@code spring.security.oauth2.client.registration.*}). Roles
 * come from the same claim as the API's JWTs ({@code amends.security.roles-claim}, read from the ID
 * token and the user info), the name from {@code amends.security.principal-claim}. Without a
 * registration the console has no login, and the API is unaffected.
 */
final class OidcConsoleLogin implements ConsoleLogin {
  private final ClientRegistrationRepository registrations;
  private final AmendsSecurityProperties properties;

  OidcConsoleLogin(
      ClientRegistrationRepository registrations, AmendsSecurityProperties properties) {
    this.registrations = registrations;
    this.properties = properties;
  }

  @Override
  public void configure(HttpSecurity http) throws Exception {
    if (registrations == null) {
      return;
    }
    http.oauth2Login(
        login ->
            login
                .loginPage("/login")
                .defaultSuccessUrl("/console/", false)
                .failureUrl("/login?error")
                .userInfoEndpoint(info -> info.oidcUserService(users())));
  }

  /** Reads the person's roles and name from the token's claims, as the API does. */
  OAuth2UserService<OidcUserRequest, OidcUser> users() {
    OidcUserService loader = new OidcUserService();
    return request -> {
      OidcUser loaded = loader.loadUser(request);
      Map<String, Object> claims = loaded.getClaims();
      List<GrantedAuthority> authorities =
          new ArrayList<>(JwtRoles.authorities(claims, properties.rolesClaim()));
      String name = JwtRoles.principal(claims, properties.principalClaim(), null);
      String nameClaim = name == null ? "sub" : properties.principalClaim();
      if (name != null && !claims.containsKey(nameClaim)) {
        nameClaim = "sub"; // a dotted (nested) claim cannot name the user: fall back to sub
      }
      return new DefaultOidcUser(authorities, loaded.getIdToken(), loaded.getUserInfo(), nameClaim);
    };
  }

  @Override
  public boolean form() {
    return false;
  }

  @Override
  public List<Provider> providers() {
    List<Provider> providers = new ArrayList<>();
    if (registrations instanceof Iterable<?> all) {
      for (Object each : all) {
        ClientRegistration r = (ClientRegistration) each;
        providers.add(
            new Provider(r.getClientName(), "/oauth2/authorization/" + r.getRegistrationId()));
      }
    }
    return providers;
  }
}
