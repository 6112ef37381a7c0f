package dev.amends.saga;

import java.util.regex.Pattern;

/**
 * The bounds on every text a caller sends, whatever the channel (REST or a Temporal signal): each
 * check answers null when the text is acceptable, or the reason it is not. Lengths count UTF-16
 * code units ({@link String#length()}), so an emoji counts twice; the stores' columns are at least
 * as wide as these limits in that unit, so what passes here can always be recorded.
 */
public final class TextRules {
  /** Operator and principal names. */
  public static final int MAX_NAME = 100;

  /** Operators' notes: what was done, or why. */
  public static final int MAX_NOTE = 2_000;

  /** Order, saga, escalation, story and SKU ids. */
  public static final int MAX_ID = 128;

  /** Saga (workflow) ids: a flow's prefix and a business id, e.g. {@code order-<orderId>}. */
  public static final int MAX_SAGA_ID = 200;

  /** A story field's value. */
  public static final int MAX_STORY_VALUE = 20_000;

  /** The characters an id may hold, as a regular expression (bean validation uses it too). */
  public static final String ID_CHARACTERS = "[A-Za-z0-9._:-]+";

  private static final Pattern ID = Pattern.compile(ID_CHARACTERS);

  private TextRules() {}

  /** An id: 1 to 128 characters from {@code [A-Za-z0-9._:-]}. */
  public static String checkId(String field, String value) {
    return checkId(field, value, MAX_ID);
  }

  private static String checkId(String field, String value, int max) {
    if (value == null || value.isEmpty()) {
      return field + " is required";
    }
    if (value.length() > max) {
      return field + " is longer than " + max + " characters";
    }
    if (!ID.matcher(value).matches()) {
      return field + " may hold only letters, digits, '.', '_', ':' and '-'";
    }
    return null;
  }

  /** A saga id: 1 to 200 characters from {@code [A-Za-z0-9._:-]}. */
  public static String checkSagaId(String field, String value) {
    return checkId(field, value, MAX_SAGA_ID);
  }

  /** A person's name: required, at most 100 characters, no control characters. */
  public static String checkName(String field, String value) {
    if (value == null || value.isBlank()) {
      return field + " is required";
    }
    return checkText(field, value, MAX_NAME, false);
  }

  /** Any other single line a caller sends (a name, an address line): no control characters. */
  public static String checkLine(String field, String value, int max) {
    return value == null ? null : checkText(field, value, max, false);
  }

  /** A note: optional, at most 2,000 characters; line breaks and tabs allowed. */
  public static String checkNote(String field, String value) {
    return value == null ? null : checkText(field, value, MAX_NOTE, true);
  }

  /** A story value: optional, at most 20,000 characters; line breaks and tabs allowed. */
  public static String checkStoryValue(String field, String value) {
    return value == null ? null : checkText(field, value, MAX_STORY_VALUE, true);
  }

  /**
   * The text cut to at most {@code max} characters, ending in "..." when cut, and never between the
   * two halves of a surrogate pair (a lone half is not text, and some stores cannot hold it).
   */
  public static String cut(String text, int max) {
    if (text == null || text.length() <= max) {
      return text;
    }
    int end = max - 3;
    if (end > 0 && Character.isHighSurrogate(text.charAt(end - 1))) {
      end--;
    }
    return text.substring(0, end) + "...";
  }

  private static String checkText(String field, String value, int max, boolean multiline) {
    if (value.length() > max) {
      return field + " is longer than " + max + " characters";
    }
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (Character.isHighSurrogate(c)
          && i + 1 < value.length()
          && Character.isLowSurrogate(value.charAt(i + 1))) {
        i++;
        continue;
      }
      if (Character.isSurrogate(c)) {
        // A lone surrogate is not text: PostgreSQL cannot encode it, so it would fail later.
        return field + " is not valid Unicode (a lone surrogate at position " + i + ")";
      }
      boolean allowedBreak = multiline && (c == '\n' || c == '\t');
      if (Character.isISOControl(c) && !allowedBreak) {
        return field
            + " contains a control character (U+"
            + String.format("%04X", (int) c)
            + ") at position "
            + i
            + (multiline ? "; only line breaks and tabs are allowed" : "");
      }
    }
    return null;
  }
}
