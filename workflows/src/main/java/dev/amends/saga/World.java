package dev.amends.saga;

/**
 * How far a step's effect can be undone: the three rollback worlds of DESIGN.md.
 *
 * <p>Each world has a minimum a step must declare before the worker will run it; see {@link
 * SagaDefinition#violations()}.
 */
public enum World {
  /** RML-1: the effect never leaves the worker; undo means discard. */
  CLOSED("RML-1"),
  /** RML-2: another service or a person saw it; undo is a compensating call. */
  DIALOG("RML-2"),
  /** RML-3: shared, audited history; undo is a forward-only correction, recorded in a ledger. */
  HISTORY("RML-3");

  private final String level;

  World(String level) {
    this.level = level;
  }

  /** The rollback maturity level, as operators and runbooks name it. */
  public String level() {
    return level;
  }
}
