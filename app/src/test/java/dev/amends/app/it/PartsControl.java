package dev.amends.app.it;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Stops and starts the real parts the suite runs on, with the scripts and the ports and folders
 * scripts/it-env.sh chose, as an operator would during an outage drill. Their state is kept.
 */
final class PartsControl {
  private PartsControl() {}

  static void stopPostgres() {
    run(List.of("postgres-dev/postgres.sh", "stop"), postgresEnv());
  }

  static void startPostgres() {
    run(List.of("postgres-dev/postgres.sh", "start"), postgresEnv());
  }

  static void stopTemporal() {
    run(List.of("temporal-dev/stop.sh"), temporalEnv());
  }

  static void startTemporal() {
    run(List.of("temporal-dev/start.sh"), temporalEnv());
  }

  private static Map<String, String> postgresEnv() {
    return Map.of(
        "AMENDS_PG_PORT", required("AMENDS_IT_PG_PORT"),
        "AMENDS_PG_STATE_DIR", required("AMENDS_IT_PG_STATE"));
  }

  private static Map<String, String> temporalEnv() {
    Map<String, String> env = new java.util.HashMap<>();
    env.put("TEMPORAL_PORT", required("AMENDS_IT_TEMPORAL_PORT"));
    env.put("TEMPORAL_UI_PORT", required("AMENDS_IT_TEMPORAL_UI_PORT"));
    env.put("TEMPORAL_DEV_STATE_DIR", required("AMENDS_IT_TEMPORAL_STATE"));
    // Restarted as it-env.sh started it: the Web UI keeps decoding through the codec server.
    String codec = System.getenv("AMENDS_IT_UI_CODEC_ENDPOINT");
    if (codec != null && !codec.isBlank()) {
      env.put("TEMPORAL_UI_CODEC_ENDPOINT", codec);
    }
    return env;
  }

  private static void run(List<String> command, Map<String, String> env) {
    Path root = repositoryRoot();
    ProcessBuilder builder = new ProcessBuilder(command).directory(root.toFile());
    builder.environment().putAll(env);
    builder.redirectErrorStream(true);
    try {
      Path log = Files.createTempFile("parts-control", ".log");
      builder.redirectOutput(log.toFile());
      Process process = builder.start();
      if (!process.waitFor(120, TimeUnit.SECONDS) || process.exitValue() != 0) {
        process.destroyForcibly();
        throw new IllegalStateException(
            String.join(" ", command) + " failed:\n" + Files.readString(log));
      }
    } catch (IOException e) {
      throw new IllegalStateException("cannot run " + command, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted running " + command, e);
    }
  }

  private static Path repositoryRoot() {
    for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
      if (Files.isRegularFile(dir.resolve("scripts/it-env.sh"))) {
        return dir;
      }
    }
    throw new IllegalStateException("no repository root above " + Path.of("").toAbsolutePath());
  }

  private static String required(String name) {
    String value = System.getenv(name);
    if (value == null || value.isBlank()) {
      throw new IllegalStateException(
          name
              + " is not set: start the real parts with scripts/it-env.sh start and eval its output");
    }
    return value;
  }
}
