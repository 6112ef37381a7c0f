package dev.amends.app.metrics;

import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/** One read of /actuator/prometheus: sums of samples by name and labels. */
record Scrape(String text) {

  /** The sum of every sample of the metric whose labels include each of the pairs given. */
  double sum(String name, String... labelPairs) {
    double total = 0;
    for (String line : text.split("\n")) {
      if (line.startsWith("#") || !(line.startsWith(name + "{") || line.startsWith(name + " "))) {
        continue;
      }
      Map<String, String> labels = labels(line);
      boolean all = true;
      for (int i = 0; i < labelPairs.length; i += 2) {
        all &= labelPairs[i + 1].equals(labels.get(labelPairs[i]));
      }
      if (all) {
        String value = line.substring(line.lastIndexOf(' ') + 1);
        total += Double.parseDouble(value);
      }
    }
    return total;
  }

  boolean has(String name) {
    return names().contains(name);
  }

  /** The names of every sample in the scrape. */
  Set<String> names() {
    Set<String> names = new LinkedHashSet<>();
    for (String line : text.split("\n")) {
      if (!line.isBlank() && !line.startsWith("#")) {
        names.add(line.split("[{ ]", 2)[0]);
      }
    }
    return names;
  }

  private static Map<String, String> labels(String line) {
    Map<String, String> labels = new HashMap<>();
    int open = line.indexOf('{');
    if (open < 0) {
      return labels;
    }
    String inner = line.substring(open + 1, line.lastIndexOf('}'));
    for (String pair : inner.split("\",")) {
      int eq = pair.indexOf('=');
      if (eq > 0) {
        labels.put(pair.substring(0, eq).trim(), pair.substring(eq + 2).replaceAll("\"$", ""));
      }
    }
    return labels;
  }
}
