package dev.amends.testkit.replay;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Replays every history in a folder from the command line, e.g. in CI or to time it:
 *
 * <pre>
 * java -cp ... dev.amends.testkit.replay.ReplayAll FOLDER com.example.OrderWorkflowImpl ...
 * </pre>
 *
 * <p>Prints how many replayed and how long the one replay call took; exits 1 naming each history
 * that did not replay.
 */
public final class ReplayAll {
  private ReplayAll() {}

  public static void main(String[] args) throws ClassNotFoundException {
    if (args.length < 2) {
      System.err.println("usage: ReplayAll FOLDER WORKFLOW_IMPLEMENTATION_CLASS...");
      System.exit(2);
    }
    List<Class<?>> classes = new ArrayList<>();
    for (int i = 1; i < args.length; i++) {
      classes.add(Class.forName(args[i]));
    }
    long start = System.nanoTime();
    ReplayReport report = HistoryReplay.of(classes.toArray(Class<?>[]::new)).run(Path.of(args[0]));
    long millis = (System.nanoTime() - start) / 1_000_000;
    System.out.printf(
        Locale.ROOT,
        "replayed %d histories in %.2f s (%d failed)%n",
        report.replayed(),
        millis / 1000.0,
        report.failures().size());
    if (!report.allReplayed()) {
      report.failures().forEach(f -> System.err.println("  " + f));
      System.exit(1);
    }
  }
}
