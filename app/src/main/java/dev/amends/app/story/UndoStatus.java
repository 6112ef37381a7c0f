package dev.amends.app.story;

/** What an undo came to. The REST answer of each is in the README's answers table. */
public enum UndoStatus {
  /** Inside the window: the held edit was dropped; it never left the workflow (RML-1). */
  DISCARDED,
  /**
   * After commit, within the TTL: a compensating change restored the fields in {@code restored}.
   */
  UNDONE,
  /**
   * After commit, within the TTL, but every changed field was changed again since: nothing done.
   */
  NOTHING_UNDONE,
  /** The TTL had passed. */
  EXPIRED,
  /** Newer edits pushed this one out of the story's undo depth. */
  BEYOND_UNDO_DEPTH,
  /** This workflow never issued the undo id (or forgot it when its TTL passed). */
  UNKNOWN
}
