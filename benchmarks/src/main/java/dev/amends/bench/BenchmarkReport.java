package dev.amends.bench;

/** docs/BENCHMARKS.md holds one section per benchmark; each run rewrites its own section only. */
final class BenchmarkReport {
  private BenchmarkReport() {}

  static String replaceSection(String document, String heading, String section) {
    int start = document.indexOf(heading);
    if (start < 0) {
      return document.stripTrailing() + "\n\n" + section;
    }
    int next = document.indexOf("\n## ", start + heading.length());
    return document.substring(0, start) + section + (next < 0 ? "" : document.substring(next + 1));
  }
}
