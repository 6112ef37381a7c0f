package dev.amends.app.story;

import dev.amends.saga.TextRules;
import dev.amends.spring.api.ApiException;
import java.util.Arrays;
import java.util.Locale;
import java.util.UUID;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/** The checks on what a caller sends about stories: each refusal names its field. */
final class StoryInput {
  private static final Pattern REQUEST_ID = Pattern.compile("[A-Za-z0-9._-]{1,100}");

  private StoryInput() {}

  static String storyId(String storyId) {
    String problem = TextRules.checkId("storyId", storyId);
    if (problem != null) {
      throw ApiException.badField("storyId", problem);
    }
    return storyId;
  }

  static StoryField field(String field) {
    if (field == null || field.isBlank()) {
      throw ApiException.badField("field", "field is required: one of " + fieldNames());
    }
    try {
      return StoryField.valueOf(field.trim().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException unknown) {
      throw ApiException.badField("field", "unknown field '" + field + "': one of " + fieldNames());
    }
  }

  static String value(String value) {
    String problem = TextRules.checkStoryValue("value", value);
    if (problem != null) {
      throw ApiException.badField("value", problem);
    }
    return value;
  }

  /** Undo ids are UUIDs the API handed out; anything else cannot name one. */
  static String undoId(String undoId) {
    String canonical;
    try {
      canonical = UUID.fromString(undoId).toString();
    } catch (IllegalArgumentException notAUuid) {
      canonical = null;
    }
    if (canonical == null || !canonical.equalsIgnoreCase(undoId)) {
      throw ApiException.badField("undoId", "undoId is not an undo id this API hands out (a UUID)");
    }
    return canonical;
  }

  static long revision(String name, Long revision) {
    if (revision == null) {
      throw ApiException.badField(name, name + " is required");
    }
    if (revision < 0) {
      throw ApiException.badField(name, name + " must not be negative");
    }
    return revision;
  }

  static String requestId(String requestId) {
    if (requestId == null) {
      return UUID.randomUUID().toString();
    }
    if (!REQUEST_ID.matcher(requestId).matches()) {
      throw ApiException.badField(
          "requestId", "requestId must be 1 to 100 letters, digits, '.', '_' or '-'");
    }
    return requestId;
  }

  private static String fieldNames() {
    return Arrays.stream(StoryField.values())
        .map(f -> f.name().toLowerCase(Locale.ROOT))
        .collect(Collectors.joining(", "));
  }
}
