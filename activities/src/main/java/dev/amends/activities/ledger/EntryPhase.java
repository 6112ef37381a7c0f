package dev.amends.activities.ledger;

/**
 * Where an effect or correction stood when its entry was appended. An RML-3 call appends {@link
 * #INTENDED} before it calls the external system and its outcome after, so an intent without an
 * outcome marks a call whose result the ledger never saw.
 */
public enum EntryPhase {
  /** About to call the external system. */
  INTENDED,
  /** The external system confirmed it: the amount is what the system holds. */
  CONFIRMED,
  /** The external system refused it: nothing happened. */
  REFUSED,
  /** A correction found nothing to correct: the effect never took place. */
  NONE,
  /** The reconciler found it in the external system's records without a matching entry. */
  OBSERVED,
  /** The reconciler made the correction again because the external system had lost it. */
  REISSUED,
  /** An operator settled it by hand, following the runbook; the note keeps the evidence. */
  SETTLED,
  /** An operator wrote it off; the note gives the reason. */
  WRITTEN_OFF
}
