package dev.amends.activities.ledger;

/** What a ledger entry is about: an effect on shared history, or a forward correction of one. */
public enum EntryKind {
  EFFECT,
  /** Names the entry it corrects; never replaces or erases it. */
  CORRECTION
}
