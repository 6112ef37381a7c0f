package dev.amends.app.it;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * amends as users run it: its own JVM, real profile, real Temporal server and PostgreSQL, callers
 * with JWTs from {@link ItTokens}. It can be killed with SIGKILL, mid-step, and started again on
 * the same port and database.
 */
final class AmendsProcess implements AutoCloseable {
  private final int port;
  private final List<String> extraArgs;
  private final Path log;
  private Process process;

  AmendsProcess(String... extraArgs) throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      port = socket.getLocalPort();
    }
    this.extraArgs = List.of(extraArgs);
    this.log = Files.createTempFile("amends-it-", ".log");
  }

  String baseUrl() {
    return "http://127.0.0.1:" + port;
  }

  AmendsProcess start() throws Exception {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-Xmx512m");
    command.add("-jar");
    command.add(RealParts.applicationJar().toString());
    command.add("--server.port=" + port);
    command.addAll(extraArgs);
    ProcessBuilder builder = new ProcessBuilder(command);
    // The sandbox profile keeps the sandboxes' HTTP switches, which the tests use, on real.
    builder.environment().put("SPRING_PROFILES_ACTIVE", "real,sandbox");
    builder
        .environment()
        .put(
            "SPRING_SECURITY_OAUTH2_RESOURCESERVER_JWT_PUBLIC_KEY_LOCATION",
            ItTokens.publicKeyLocation());
    builder.environment().put("TEMPORAL_ADDRESS", RealParts.temporalAddress());
    builder.environment().put("AMENDS_DB_URL", RealParts.dbUrl());
    // As in a deployment: migrations as the schema's owner, the application as a login that may
    // only do what amends_application was granted.
    builder.environment().put("SPRING_FLYWAY_USER", "amends");
    builder.environment().put("SPRING_FLYWAY_PASSWORD", "amends");
    builder.environment().put("AMENDS_DB_USER", RealParts.appDbUser());
    builder.environment().put("AMENDS_DB_PASSWORD", RealParts.appDbPassword());
    // The key the parts' histories are encrypted with: every amends on them shares it.
    builder.environment().put("AMENDS_CODEC_CURRENT_KEY_ID", RealParts.codecKeyId());
    builder
        .environment()
        .put(
            "AMENDS_CODEC_KEYS_" + RealParts.codecKeyId().toUpperCase(Locale.ROOT),
            RealParts.codecKey());
    builder.redirectErrorStream(true);
    builder.redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
    process = builder.start();
    awaitHealthy();
    return this;
  }

  /** SIGKILL: no shutdown hook, no graceful worker stop — as a crashed machine. */
  void kill9() throws InterruptedException {
    process.destroyForcibly();
    process.waitFor();
  }

  /** SIGTERM, as an orchestrator stops a container; returns how long the process took to exit. */
  Duration terminate() throws InterruptedException {
    long sent = System.nanoTime();
    process.destroy();
    if (!process.waitFor(2, java.util.concurrent.TimeUnit.MINUTES)) {
      process.destroyForcibly();
      throw new IllegalStateException("amends did not exit within 2 minutes of SIGTERM");
    }
    return Duration.ofNanos(System.nanoTime() - sent);
  }

  @Override
  public void close() throws InterruptedException {
    if (process != null && process.isAlive()) {
      process.destroy();
      process.waitFor();
    }
  }

  Path log() {
    return log;
  }

  private void awaitHealthy() throws Exception {
    HttpClient http = HttpClient.newHttpClient();
    long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new IllegalStateException("amends exited at start; log " + log + ":\n" + tail());
      }
      try {
        HttpResponse<String> r =
            http.send(
                HttpRequest.newBuilder(URI.create(baseUrl() + "/actuator/health")).build(),
                HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() == 200) {
          return;
        }
      } catch (IOException notYet) {
        // Not listening yet.
      }
      Thread.sleep(250);
    }
    throw new IllegalStateException("amends not healthy within 90 s; log " + log + ":\n" + tail());
  }

  String tail() throws IOException {
    List<String> lines = Files.readAllLines(log);
    return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
  }
}
