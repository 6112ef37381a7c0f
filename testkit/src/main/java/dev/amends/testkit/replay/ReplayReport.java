package dev.amends.testkit.replay;

import java.util.List;
import java.util.stream.Collectors;

/**
 * What a replay of many histories found.
 *
 * @param replayed how many histories replayed on today's code
 * @param skipped histories of workflow types none of the classes implements (only when asked to
 *     ignore them)
 * @param failures every history that did not replay
 */
public record ReplayReport(int replayed, List<String> skipped, List<ReplayFailure> failures) {

  public ReplayReport {
    skipped = List.copyOf(skipped);
    failures = List.copyOf(failures);
  }

  public boolean allReplayed() {
    return failures.isEmpty();
  }

  /** Returns this report if every history replayed; throws naming each one that did not. */
  public ReplayReport assertAllReplayed() {
    if (failures.isEmpty()) {
      return this;
    }
    AssertionError error =
        new AssertionError(
            failures.size()
                + " of "
                + (replayed + failures.size())
                + " histories did not replay on today's code:\n  "
                + failures.stream()
                    .map(ReplayFailure::toString)
                    .collect(Collectors.joining("\n  ")));
    failures.stream()
        .filter(f -> f.cause() != null)
        .findFirst()
        .ifPresent(f -> error.initCause(f.cause()));
    throw error;
  }
}
