package dev.amends.app.story;

/** The types of the story flow's failures; all but {@code STORE_UNAVAILABLE} are refusals. */
public enum StoryFailure {
  /** The story has no event yet. */
  STORY_NOT_FOUND,
  /** The caller's expected revision is not the story's current one: it decided on old state. */
  STALE_REVISION,
  /** The rollback's target is not a revision of the story (0..current). */
  TARGET_OUT_OF_RANGE,
  /** An update's input is malformed; refused by its validator, so nothing is written. */
  INVALID_REQUEST,
  /** The event store failed (retryable); an undo or rollback that still fails says so. */
  STORE_UNAVAILABLE
}
