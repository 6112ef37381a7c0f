package dev.amends.app.it;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An exported history as a person could read it: its text, and every base64 "data" and "encoding"
 * decoded.
 */
final class Exported {
  private static final Pattern BASE64_DATA =
      Pattern.compile("\"(?:data|encoding)\"\\s*:\\s*\"([A-Za-z0-9+/=]+)\"");

  private Exported() {}

  static String readable(String json) {
    List<String> parts = new ArrayList<>(List.of(json));
    Matcher data = BASE64_DATA.matcher(json);
    while (data.find()) {
      try {
        parts.add(new String(Base64.getDecoder().decode(data.group(1)), StandardCharsets.UTF_8));
      } catch (IllegalArgumentException notBase64) {
        // Plain text that happens to look like it; it is in the first part already.
      }
    }
    return String.join("\n", parts);
  }
}
