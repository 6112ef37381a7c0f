package dev.amends.app.it;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** The Temporal CLI, as an operator types it. */
final class TemporalCli {
  private TemporalCli() {}

  static String run(String... args) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>();
    command.add(RealParts.temporalCli());
    command.addAll(List.of(args));
    command.add("--address");
    command.add(RealParts.temporalAddress());
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    if (!p.waitFor(60, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new IllegalStateException("temporal " + String.join(" ", args) + " timed out");
    }
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (p.exitValue() != 0) {
      throw new IllegalStateException("temporal " + String.join(" ", args) + " failed:\n" + out);
    }
    return out;
  }
}
