package dev.amends.saga;

import io.temporal.api.common.v1.Payload;
import io.temporal.common.converter.DataConverterException;
import io.temporal.common.converter.DefaultDataConverter;
import io.temporal.common.converter.RawValue;
import java.util.Map;

/**
 * Decision signals arrive undecoded, so that a payload the data converter cannot read (sent with
 * {@code --input-meta encoding=binary/plain}, say) still reaches the workflow and is recorded as
 * rejected, instead of being dropped before any workflow code sees it.
 */
public final class SignalPayloads {
  private static final int SHOWN = 200;

  private SignalPayloads() {}

  /** A decision as a typed caller sends it: any JSON value, as a payload. */
  public static RawValue of(Object decision) {
    return new RawValue(DefaultDataConverter.STANDARD_INSTANCE.toPayload(decision).orElseThrow());
  }

  /** The JSON value the payload holds; throws, saying why, when it holds none. */
  static Object decode(RawValue received) {
    if (received == null) {
      throw new IllegalArgumentException("a decision must be a JSON object; the signal had none");
    }
    try {
      return DefaultDataConverter.STANDARD_INSTANCE.fromPayload(
          received.getPayload(), Object.class, Object.class);
    } catch (DataConverterException e) {
      throw new IllegalArgumentException(
          "a decision must be a JSON object; the signal's payload is "
              + encoding(received.getPayload())
              + " and cannot be read as JSON");
    }
  }

  /** What an undecodable payload was, without its bytes. */
  static String describe(RawValue received) {
    if (received == null) {
      return "(no payload)";
    }
    Payload payload = received.getPayload();
    return "(" + encoding(payload) + ", " + payload.getData().size() + " bytes)";
  }

  /** A received value as the saga's state may keep it: bounded, control characters escaped. */
  static String shorten(String text) {
    return shorten(text, SHOWN);
  }

  /** The text cut to about {@code max} characters, with control characters escaped. */
  static String shorten(String text, int max) {
    StringBuilder out = new StringBuilder();
    int i = 0;
    while (i < text.length() && out.length() < max) {
      char c = text.charAt(i);
      if (pairedAt(text, i)) {
        out.append(c).append(text.charAt(i + 1));
        i += 2;
      } else if (Character.isISOControl(c) || Character.isSurrogate(c)) {
        out.append(String.format("\\u%04X", (int) c));
        i++;
      } else {
        out.append(c);
        i++;
      }
    }
    return i < text.length() ? out + "..." : out.toString();
  }

  private static boolean pairedAt(String text, int i) {
    return Character.isHighSurrogate(text.charAt(i))
        && i + 1 < text.length()
        && Character.isLowSurrogate(text.charAt(i + 1));
  }

  private static String encoding(Payload payload) {
    Map<String, com.google.protobuf.ByteString> metadata = payload.getMetadataMap();
    com.google.protobuf.ByteString encoding = metadata.get("encoding");
    return encoding == null ? "without an encoding" : "'" + encoding.toStringUtf8() + "'";
  }
}
