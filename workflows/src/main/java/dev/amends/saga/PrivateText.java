package dev.amends.saga;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Keeps private data (e-mail addresses, postal addresses, card tokens) out of text that is shown
 * and kept: failure messages, escalation errors, log lines. Any e-mail address is masked; so is
 * every value a flow names as private, where it stands as a whole word. Deterministic, so workflow
 * code may use it.
 */
public final class PrivateText {
  public static final String MASK = "[private]";
  private static final Pattern EMAIL =
      Pattern.compile("[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(\\.[A-Za-z0-9-]+)*\\.[A-Za-z]{2,}");

  private final List<Pattern> values = new ArrayList<>();

  /** Masks these values from now on; nulls and blanks are skipped. */
  public PrivateText add(String... privateValues) {
    List<String> sorted = new ArrayList<>();
    for (String value : privateValues) {
      if (value != null && !value.isBlank()) {
        sorted.add(value.strip());
      }
    }
    // Longest first, so that a value inside a longer one does not leave the rest of it behind.
    sorted.sort(Comparator.comparingInt(String::length).reversed());
    for (String value : sorted) {
      values.add(
          Pattern.compile(
              "(?<![\\p{Alnum}_])" + Pattern.quote(value) + "(?![\\p{Alnum}_])",
              Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE));
    }
    return this;
  }

  /** The text with every private value and e-mail address masked; null stays null. */
  public String scrub(String text) {
    if (text == null) {
      return null;
    }
    String scrubbed = withoutEmailAddresses(text);
    for (Pattern value : values) {
      scrubbed = value.matcher(scrubbed).replaceAll(Matcher.quoteReplacement(MASK));
    }
    return scrubbed;
  }

  /** The text with every e-mail address masked, for code that knows no values: null stays null. */
  public static String withoutEmailAddresses(String text) {
    return text == null ? null : EMAIL.matcher(text).replaceAll(Matcher.quoteReplacement(MASK));
  }
}
