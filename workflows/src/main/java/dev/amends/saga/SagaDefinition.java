package dev.amends.saga;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A saga's steps in order, each with its world and what that world requires. Reads like a table:
 *
 * <pre>
 * SagaDefinition.named("order-fulfilment")
 *     .step("priceAndValidate").closed()
 *     .step("reserveStock").dialog().undo("releaseStock").runbook("docs/runbooks/release-stock.md")
 *     .step("chargeCard").history().correction("refundCharge").ledger("payment-provider")
 *         .runbook("docs/runbooks/refund-charge.md")
 *     .build();
 * </pre>
 *
 * <p>A definition is immutable. {@link #violations()} lists every step that lacks its world's
 * minimum; the worker refuses to start while any exists, and {@link AmendsSaga} refuses to run one.
 */
public final class SagaDefinition {
  private final String name;
  private final Map<String, StepSpec> steps;
  private final boolean parallelUndo;

  private SagaDefinition(String name, Map<String, StepSpec> steps, boolean parallelUndo) {
    this.name = name;
    this.steps = steps;
    this.parallelUndo = parallelUndo;
  }

  public static Builder named(String name) {
    return new Builder(name);
  }

  public String name() {
    return name;
  }

  public List<StepSpec> steps() {
    return List.copyOf(steps.values());
  }

  public Optional<StepSpec> step(String stepName) {
    return Optional.ofNullable(steps.get(stepName));
  }

  /** Whether undos may run at once; only for flows whose undos do not depend on each other. */
  public boolean parallelUndo() {
    return parallelUndo;
  }

  /** Every missing minimum, one sentence each naming the saga, the step and what is missing. */
  public List<String> violations() {
    List<String> found = new ArrayList<>();
    if (steps.isEmpty()) {
      found.add("saga '" + name + "' declares no steps");
    }
    for (StepSpec step : steps.values()) {
      String where = "saga '" + name + "' step '" + step.name() + "'";
      if (step.world() == null) {
        found.add(where + " declares no world (closed, dialog or history)");
        continue;
      }
      String world = " (" + step.world().level() + ")";
      switch (step.world()) {
        case CLOSED -> {
          if (step.hasUndo()) {
            found.add(where + world + " declares an undo, but a closed step has nothing to undo");
          }
        }
        case DIALOG -> {
          if (!step.hasUndo()) {
            found.add(where + world + " has no undo: a dialog step needs a compensating call");
          }
          if (!step.hasRunbook()) {
            found.add(where + world + " has no runbook for when its undo fails");
          }
        }
        case HISTORY -> {
          if (!step.hasUndo()) {
            found.add(where + world + " has no correction: history can only be corrected forward");
          }
          if (!step.hasLedger()) {
            found.add(where + world + " has no effect-ledger entry for its effect and correction");
          }
          if (!step.hasRunbook()) {
            found.add(where + world + " has no runbook for when its correction fails");
          }
        }
      }
    }
    return found;
  }

  /** Throws {@link InvalidSagaDefinitionException} naming every violation, if there is any. */
  public SagaDefinition requireValid() {
    List<String> found = violations();
    if (!found.isEmpty()) {
      throw new InvalidSagaDefinitionException(found);
    }
    return this;
  }

  @Override
  public String toString() {
    return "SagaDefinition[" + name + ", steps=" + steps.keySet() + "]";
  }

  /** Builds a definition step by step; the last {@code step(...)} call is the one being filled. */
  public static final class Builder {
    private final String name;
    private final Map<String, StepSpec> steps = new LinkedHashMap<>();
    private final List<String> duplicates = new ArrayList<>();
    private boolean parallelUndo;
    private String stepName;
    private World world;
    private String undo;
    private String runbook;
    private String ledger;

    private Builder(String name) {
      this.name = name;
    }

    public Builder step(String name) {
      flush();
      stepName = name;
      return this;
    }

    public Builder closed() {
      world = World.CLOSED;
      return this;
    }

    public Builder dialog() {
      world = World.DIALOG;
      return this;
    }

    public Builder history() {
      world = World.HISTORY;
      return this;
    }

    /** The compensating call of a dialog step. */
    public Builder undo(String undoName) {
      undo = undoName;
      return this;
    }

    /** The forward-only correction of a history step. */
    public Builder correction(String correctionName) {
      return undo(correctionName);
    }

    public Builder runbook(String runbookLink) {
      runbook = runbookLink;
      return this;
    }

    /** The external system whose effects (and corrections) this step records in the ledger. */
    public Builder ledger(String externalSystem) {
      ledger = externalSystem;
      return this;
    }

    /** Lets undos run at once when they do not depend on each other. */
    public Builder parallelUndo() {
      parallelUndo = true;
      return this;
    }

    public SagaDefinition build() {
      flush();
      if (!duplicates.isEmpty()) {
        throw new InvalidSagaDefinitionException(
            duplicates.stream()
                .map(d -> "saga '" + name + "' declares step '" + d + "' twice")
                .toList());
      }
      return new SagaDefinition(
          name, Collections.unmodifiableMap(new LinkedHashMap<>(steps)), parallelUndo);
    }

    private void flush() {
      if (stepName != null) {
        if (steps.containsKey(stepName)) {
          duplicates.add(stepName);
        }
        steps.put(stepName, new StepSpec(stepName, world, undo, runbook, ledger));
      }
      stepName = null;
      world = null;
      undo = null;
      runbook = null;
      ledger = null;
    }
  }
}
