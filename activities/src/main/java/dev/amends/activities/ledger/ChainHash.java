package dev.amends.activities.ledger;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;

/**
 * The chain's hash function: SHA-256 over a canonical encoding of an entry followed by the previous
 * entry's hash. The encoding is unambiguous (every field length-prefixed, null distinct from empty)
 * and covers every stored column but the hash itself, so changing any of them, or moving an entry
 * to another place in the chain, changes the hash.
 */
public final class ChainHash {
  /** The previous hash of the first entry. */
  public static final String GENESIS = "0".repeat(64);

  private static final String VERSION = "amends-ledger-v1";
  private static final ThreadLocal<MessageDigest> SHA256 =
      ThreadLocal.withInitial(
          () -> {
            try {
              return MessageDigest.getInstance("SHA-256");
            } catch (NoSuchAlgorithmException e) {
              throw new IllegalStateException("every JVM has SHA-256", e);
            }
          });

  private ChainHash() {}

  public static String of(LedgerEntry e) {
    StringBuilder canonical = new StringBuilder(256).append(VERSION);
    field(canonical, Long.toString(e.seq()));
    field(canonical, e.sagaId());
    field(canonical, e.step());
    field(canonical, e.kind().name());
    field(canonical, e.phase().name());
    field(canonical, e.correctsSeq() == null ? null : e.correctsSeq().toString());
    field(canonical, e.externalSystem());
    field(canonical, e.externalRef());
    field(canonical, Long.toString(e.amountMinor()));
    field(canonical, e.currency());
    field(canonical, e.callKey());
    field(canonical, e.idempotencyKey());
    field(canonical, Long.toString(micros(e.recordedAt())));
    field(canonical, e.note());
    field(canonical, e.prevHash());
    MessageDigest digest = SHA256.get();
    digest.reset();
    return HexFormat.of()
        .formatHex(digest.digest(canonical.toString().getBytes(StandardCharsets.UTF_8)));
  }

  /** The stored precision of a time: both databases keep microseconds. */
  public static Instant truncate(Instant time) {
    return time.truncatedTo(ChronoUnit.MICROS);
  }

  private static long micros(Instant time) {
    return Math.addExact(
        Math.multiplyExact(time.getEpochSecond(), 1_000_000L), time.getNano() / 1_000);
  }

  private static void field(StringBuilder out, String value) {
    out.append('|');
    if (value == null) {
      out.append('~');
    } else {
      out.append(value.length()).append(':').append(value);
    }
  }
}
