package dev.amends.saga;

import java.util.List;

/** A saga definition that lacks its worlds' minimums; the message names every step and gap. */
public class InvalidSagaDefinitionException extends IllegalStateException {
  private final List<String> violations;

  public InvalidSagaDefinitionException(List<String> violations) {
    super("Refusing to run: " + String.join("; ", violations));
    this.violations = List.copyOf(violations);
  }

  public List<String> violations() {
    return violations;
  }
}
