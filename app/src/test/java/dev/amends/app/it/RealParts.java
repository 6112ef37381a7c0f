package dev.amends.app.it;

import java.nio.file.Files;
import java.nio.file.Path;

/** Where the real parts of an integration run are: set by scripts/it-env.sh, required. */
final class RealParts {
  private RealParts() {}

  static String temporalAddress() {
    return required("AMENDS_IT_TEMPORAL_ADDRESS");
  }

  static String dbUrl() {
    return required("AMENDS_IT_DB_URL");
  }

  /** The application's own login: only the rights amends' migrations grant. */
  static String appDbUser() {
    return required("AMENDS_IT_APP_DB_USER");
  }

  static String appDbPassword() {
    return required("AMENDS_IT_APP_DB_PASSWORD");
  }

  static String temporalCli() {
    return required("AMENDS_IT_TEMPORAL_CLI");
  }

  /** The id and key (base64) the amends of this run encrypt payloads with. */
  static String codecKeyId() {
    return required("AMENDS_IT_CODEC_KEY_ID");
  }

  static String codecKey() {
    return required("AMENDS_IT_CODEC_KEY");
  }

  static Path applicationJar() {
    Path jar = Path.of(System.getProperty("amends.jar", "target/amends.jar"));
    if (!Files.isRegularFile(jar)) {
      throw new IllegalStateException("no application jar at " + jar.toAbsolutePath());
    }
    return jar;
  }

  private static String required(String name) {
    String value = System.getenv(name);
    if (value == null || value.isBlank()) {
      throw new IllegalStateException(
          name
              + " is not set: start the real parts with scripts/it-env.sh start and source its output");
    }
    return value;
  }
}
