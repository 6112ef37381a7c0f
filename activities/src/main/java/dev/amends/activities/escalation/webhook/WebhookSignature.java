package dev.amends.activities.escalation.webhook;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Signs a webhook request: HMAC-SHA256, keyed with the shared secret, over the bytes {@code
 * <timestamp>.<body>} — the decimal epoch seconds of {@code X-Amends-Timestamp}, a full stop, then
 * the body exactly as sent. Signing the timestamp lets a receiver refuse an old request replayed.
 */
final class WebhookSignature {
  static final String ALGORITHM = "HmacSHA256";
  static final String PREFIX = "sha256=";

  private final SecretKeySpec key;

  WebhookSignature(String secret) {
    this.key = new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), ALGORITHM);
  }

  /** The {@code X-Amends-Signature} value: {@code sha256=} and the lowercase hex digest. */
  String sign(long epochSeconds, byte[] body) {
    try {
      Mac mac = Mac.getInstance(ALGORITHM);
      mac.init(key);
      mac.update((epochSeconds + ".").getBytes(StandardCharsets.US_ASCII));
      return PREFIX + HexFormat.of().formatHex(mac.doFinal(body));
    } catch (GeneralSecurityException missingHmac) {
      throw new IllegalStateException("this JVM cannot compute " + ALGORITHM, missingHmac);
    }
  }

  // The key is a secret.
  @Override
  public String toString() {
    return "WebhookSignature[" + ALGORITHM + "]";
  }
}
