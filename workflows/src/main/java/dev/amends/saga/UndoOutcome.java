package dev.amends.saga;

/** What an undo found: it reversed an effect, or there was none (a do that never took effect). */
public enum UndoOutcome {
  UNDONE,
  NOTHING_TO_UNDO
}
