package dev.amends.app.story;

/** The fields of an editorial Story; editors change one at a time (autosave). */
public enum StoryField {
  TITLE,
  SUMMARY,
  BODY,
  TAGS,
  STATUS
}
