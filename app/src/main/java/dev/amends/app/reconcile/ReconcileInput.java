package dev.amends.app.reconcile;

/**
 * @param maxFixes at most this many drifts are settled per run; the rest wait for the next
 */
public record ReconcileInput(int maxFixes) {
  public static final ReconcileInput DEFAULTS = new ReconcileInput(200);

  public static ReconcileInput orDefaults(ReconcileInput input) {
    return input == null || input.maxFixes() < 1 ? DEFAULTS : input;
  }
}
