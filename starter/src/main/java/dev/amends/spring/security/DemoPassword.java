package dev.amends.spring.security;

import java.security.SecureRandom;
import java.util.Base64;

/** The demo users' password: the configured one, or a fresh random one each start. */
record DemoPassword(String value, boolean generated) {
  private static final int RANDOM_BYTES = 18;

  static DemoPassword of(String configured, SecureRandom random) {
    if (configured != null && !configured.isBlank()) {
      return new DemoPassword(configured, false);
    }
    byte[] bytes = new byte[RANDOM_BYTES];
    random.nextBytes(bytes);
    return new DemoPassword(Base64.getUrlEncoder().withoutPadding().encodeToString(bytes), true);
  }

  @Override
  public String toString() {
    // A record would print the password with its fields; nothing should, by accident.
    return "DemoPassword[" + (generated ? "generated" : "configured") + "]";
  }
}
