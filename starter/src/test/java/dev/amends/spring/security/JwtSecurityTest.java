package dev.amends.spring.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.amends.spring.sagas.SagaQueries;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.ComponentScan.Filter;
import org.springframework.context.annotation.FilterType;
import org.springframework.context.annotation.Import;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;

/**
 * The real profile's security on its own (no Temporal server, no database): JWTs checked with the
 * public key at spring.security.oauth2.resourceserver.jwt.public-key-location, roles from the
 * configured claim. The endpoint called is GET /sagas/{sagaId}: OPERATOR, APPROVER or ADMIN.
 */
@WebMvcTest(
    useDefaultFilters = false,
    includeFilters =
        @Filter(
            type = FilterType.REGEX,
            pattern = "dev\\.amends\\.spring\\.sagas\\.SagaController"),
    properties = {"amends.security.mode=oidc", "amends.security.roles-claim=amends_roles"})
@Import({SecurityConfiguration.class, JwtConfiguration.class, DemoUsersAuthentication.class})
class JwtSecurityTest {
  private static final KeyPair OURS = rsa();
  private static final KeyPair SOMEONE_ELSES = rsa();

  @Autowired MockMvc mvc;
  @Autowired ApplicationContext context;
  @MockitoBean SagaQueries sagas;

  @DynamicPropertySource
  static void publicKey(DynamicPropertyRegistry properties) throws Exception {
    Path pem = Files.createTempFile("amends-jwt-test-", ".pem");
    pem.toFile().deleteOnExit();
    Files.writeString(
        pem,
        "-----BEGIN PUBLIC KEY-----\n"
            + Base64.getMimeEncoder().encodeToString(OURS.getPublic().getEncoded())
            + "\n-----END PUBLIC KEY-----\n");
    properties.add(
        "spring.security.oauth2.resourceserver.jwt.public-key-location", () -> "file:" + pem);
  }

  @Test
  void givenATokenOfOurKeyWithAnAllowedRoleInTheConfiguredClaim_itLetsTheCallThrough()
      throws Exception {
    assertThat(call(token(OURS.getPrivate(), "[\"OPERATOR\"]", Duration.ofMinutes(5))).getStatus())
        .isEqualTo(200);
  }

  @Test
  void givenRolesAsOneSpaceSeparatedString_itReadsEach() throws Exception {
    assertThat(
            call(token(OURS.getPrivate(), "\"EDITOR APPROVER\"", Duration.ofMinutes(5)))
                .getStatus())
        .isEqualTo(200);
  }

  @Test
  void givenATokenWithoutAnAllowedRole_itAnswers403AsProblemJson() throws Exception {
    MockHttpServletResponse refused =
        call(token(OURS.getPrivate(), "[\"SERVICE\"]", Duration.ofMinutes(5)));

    assertThat(refused.getStatus()).isEqualTo(403);
    assertThat(MediaType.parseMediaType(refused.getContentType()))
        .isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
  }

  @Test
  void givenRolesInAnotherClaimThanTheConfiguredOne_itIgnoresThem() throws Exception {
    String rolesInTheDefaultClaim =
        sign(
            OURS.getPrivate(),
            claims(Duration.ofMinutes(5)).claim("roles", new String[] {"OPERATOR"}).build());

    assertThat(call(rolesInTheDefaultClaim).getStatus()).isEqualTo(403);
  }

  @Test
  void givenATokenSignedBySomeoneElsesKey_itAnswers401AsProblemJsonWithABearerChallenge()
      throws Exception {
    MockHttpServletResponse refused =
        call(token(SOMEONE_ELSES.getPrivate(), "[\"OPERATOR\"]", Duration.ofMinutes(5)));

    assertThat(refused.getStatus()).isEqualTo(401);
    assertThat(refused.getHeader(HttpHeaders.WWW_AUTHENTICATE))
        .startsWith("Bearer")
        .contains("invalid_token");
    assertThat(MediaType.parseMediaType(refused.getContentType()))
        .isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
  }

  @Test
  void givenAnExpiredToken_itAnswers401() throws Exception {
    MockHttpServletResponse refused =
        call(token(OURS.getPrivate(), "[\"OPERATOR\"]", Duration.ofMinutes(-10)));

    assertThat(refused.getStatus()).isEqualTo(401);
    assertThat(refused.getHeader(HttpHeaders.WWW_AUTHENTICATE)).contains("expired");
  }

  @Test
  void givenNoToken_itAnswers401WithABearerChallenge() throws Exception {
    MockHttpServletResponse refused = mvc.perform(get("/sagas/order-1")).andReturn().getResponse();

    assertThat(refused.getStatus()).isEqualTo(401);
    assertThat(refused.getHeader(HttpHeaders.WWW_AUTHENTICATE)).startsWith("Bearer");
    assertThat(MediaType.parseMediaType(refused.getContentType()))
        .isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
  }

  @Test
  void givenTheRealProfile_thereAreNoDemoUsers() throws Exception {
    assertThat(context.getBeanNamesForType(UserDetailsService.class)).isEmpty();
    MockHttpServletResponse refused =
        mvc.perform(get("/sagas/order-1").with(httpBasic("admin", "anything")))
            .andReturn()
            .getResponse();
    assertThat(refused.getStatus()).isEqualTo(401);
  }

  private MockHttpServletResponse call(String token) throws Exception {
    return mvc.perform(get("/sagas/order-1").header(HttpHeaders.AUTHORIZATION, "Bearer " + token))
        .andReturn()
        .getResponse();
  }

  /** A token whose amends_roles claim is the given JSON value, expiring after the given time. */
  private static String token(PrivateKey key, String rolesJson, Duration expiresIn)
      throws Exception {
    Object roles =
        rolesJson.startsWith("[")
            ? com.nimbusds.jose.util.JSONArrayUtils.parse(rolesJson)
            : rolesJson.substring(1, rolesJson.length() - 1);
    return sign(key, claims(expiresIn).claim("amends_roles", roles).build());
  }

  private static JWTClaimsSet.Builder claims(Duration expiresIn) {
    Instant now = Instant.now();
    return new JWTClaimsSet.Builder()
        .subject("u-42")
        .claim("preferred_username", "ana")
        .issueTime(Date.from(now.minus(Duration.ofMinutes(20))))
        .expirationTime(Date.from(now.plus(expiresIn)));
  }

  private static String sign(PrivateKey key, JWTClaimsSet claims) throws Exception {
    SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.RS256), claims);
    jwt.sign(new RSASSASigner(key));
    return jwt.serialize();
  }

  private static KeyPair rsa() {
    try {
      KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
      generator.initialize(2048);
      return generator.generateKeyPair();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
