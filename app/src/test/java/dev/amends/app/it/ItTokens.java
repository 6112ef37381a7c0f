package dev.amends.app.it;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.Locale;

/**
 * The identity provider of an integration run: an RSA key pair the run owns, the public half
 * written as PEM for amends to check tokens with, and JWTs for the users the tests act as.
 */
final class ItTokens {
  private static final List<String> ALL_ROLES =
      List.of("SERVICE", "EDITOR", "OPERATOR", "APPROVER", "ADMIN");
  private static final KeyPair KEYS = generate();
  private static Path publicKeyFile;

  private ItTokens() {}

  /**
   * Where amends finds the public key:
   * spring.security.oauth2.resourceserver.jwt.public-key-location.
   */
  static synchronized String publicKeyLocation() {
    if (publicKeyFile == null) {
      String base64 =
          Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(KEYS.getPublic().getEncoded());
      String pem = "-----BEGIN PUBLIC KEY-----\n" + base64 + "\n-----END PUBLIC KEY-----\n";
      try {
        publicKeyFile = Files.createTempFile("amends-it-jwt-", ".pem");
        Files.writeString(publicKeyFile, pem);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return "file:" + publicKeyFile.toAbsolutePath();
  }

  /** A token for the user of that name, with the role of its name (admin: every role). */
  static String forUser(String user) {
    List<String> roles = user.equals("admin") ? ALL_ROLES : List.of(user.toUpperCase(Locale.ROOT));
    Instant now = Instant.now();
    JWTClaimsSet claims =
        new JWTClaimsSet.Builder()
            .subject(user)
            .claim("preferred_username", user)
            .claim("roles", roles)
            .issueTime(Date.from(now))
            .expirationTime(Date.from(now.plus(Duration.ofHours(2))))
            .build();
    SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.RS256), claims);
    try {
      jwt.sign(new RSASSASigner(KEYS.getPrivate()));
    } catch (JOSEException e) {
      throw new IllegalStateException(e);
    }
    return jwt.serialize();
  }

  private static KeyPair generate() {
    try {
      KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
      generator.initialize(2048);
      return generator.generateKeyPair();
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
