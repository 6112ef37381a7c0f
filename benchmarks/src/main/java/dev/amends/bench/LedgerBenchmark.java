package dev.amends.bench;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.amends.activities.db.Migrations;
import dev.amends.activities.ledger.ChainVerification;
import dev.amends.activities.ledger.EffectLedger;
import dev.amends.activities.ledger.EntryDraft;
import dev.amends.activities.ledger.EntryPhase;
import dev.amends.activities.ledger.LedgerVerifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.flywaydb.core.Flyway;

/**
 * What the effect ledger sustains on PostgreSQL: appends per second with the hash chain, from one
 * writer and from many (in one process, and in two), each append durable before it returns; and how
 * fast a walk of the chain verifies it. Runs in a fresh schema, prints the figures and rewrites the
 * ledger section of docs/BENCHMARKS.md. Usage: LedgerBenchmark [--smoke] OUTPUT.md; {@code --smoke}
 * runs every scenario with a few hundred appends to show that the benchmark still works, prints
 * what it measured and writes nothing.
 */
public final class LedgerBenchmark {
  static final String HEADING = "## Effect ledger on PostgreSQL";

  /** How many appends each scenario makes: the published figures, or a smoke run. */
  private record Scale(
      boolean smoke,
      int warmUp,
      int single,
      int batch,
      int perWriterRow,
      int[] writers,
      int bareInserts) {
    static final Scale FULL =
        new Scale(false, 5_000, 20_000, 60_000, 60_000, new int[] {4, 16, 64}, 10_000);
    static final Scale SMOKE = new Scale(true, 50, 200, 200, 200, new int[] {4}, 200);
  }

  private final Scale scale;
  private final String url;
  private final String user;
  private final String password;
  private final String schema = "bench_" + System.currentTimeMillis();
  private final StringBuilder report = new StringBuilder();
  private HikariDataSource dataSource;
  private int scenario;

  private LedgerBenchmark(Scale scale, String url, String user, String password) {
    this.scale = scale;
    this.url = url;
    this.user = user;
    this.password = password;
  }

  public static void main(String[] args) {
    try {
      run(args);
    } catch (Throwable failed) {
      // A writer's pool left running would keep the JVM alive; the caller must see the failure.
      failed.printStackTrace();
      System.exit(1);
    }
  }

  private static void run(String[] args) throws Exception {
    List<String> arguments = new ArrayList<>(List.of(args));
    Scale scale = arguments.remove("--smoke") ? Scale.SMOKE : Scale.FULL;
    Path output = Path.of(arguments.isEmpty() ? "docs/BENCHMARKS.md" : arguments.get(0));
    LedgerBenchmark bench =
        new LedgerBenchmark(
            scale,
            env("AMENDS_BENCH_DB_URL", "jdbc:postgresql://127.0.0.1:55432/amends"),
            env("AMENDS_DB_USER", "amends"),
            env("AMENDS_DB_PASSWORD", "amends"));
    try {
      bench.measure();
    } finally {
      bench.dropSchema();
    }
    System.out.println(bench.report);
    if (scale.smoke()) {
      System.out.println(
          "smoke run: every scenario ran and the chain stayed intact; "
              + output
              + " left as it was");
      return;
    }
    String existing = Files.exists(output) ? Files.readString(output) : "# Benchmarks\n\n";
    Files.writeString(
        output, BenchmarkReport.replaceSection(existing, HEADING, bench.report.toString()));
    System.out.println("written to " + output);
  }

  private void measure() throws Exception {
    try (Connection c = DriverManager.getConnection(url, user, password);
        Statement s = c.createStatement()) {
      s.execute("CREATE SCHEMA " + schema);
    }
    HikariConfig config = new HikariConfig();
    config.setJdbcUrl(url + (url.contains("?") ? "&" : "?") + "currentSchema=" + schema);
    config.setUsername(user);
    config.setPassword(password);
    config.setMaximumPoolSize(80);
    dataSource = new HikariDataSource(config);
    Flyway.configure()
        .dataSource(dataSource)
        .locations(Migrations.locations(Migrations.AMENDS, "postgresql").toArray(String[]::new))
        .load()
        .migrate();

    header();
    EffectLedger ledger = new EffectLedger(dataSource);
    appends("warm-up", List.of(ledger), 1, 1, scale.warmUp());
    report
        .append("### Appends, each committed before it returns\n\n")
        .append(
            "| writers | appenders (processes) | appends per call | appends | appends/s | p50 / p99 µs per call | appends per commit |\n")
        .append("|---|---|---|---|---|---|---|\n");
    row(appends("single writer", List.of(ledger), 1, 1, scale.single()));
    row(appends("single writer, appendAll", List.of(ledger), 1, 100, scale.batch()));
    for (int writers : scale.writers()) {
      row(appends(writers + " writers", List.of(ledger), writers, 1, scale.perWriterRow()));
    }
    int twoProcessWriters = scale.smoke() ? 4 : 32;
    row(
        appends(
            "two processes",
            List.of(ledger, new EffectLedger(dataSource)),
            twoProcessWriters,
            1,
            scale.perWriterRow()));
    report
        .append("\n")
        .append("Target: at least 5,000 appends/s. Every append is its own durable commit unless ")
        .append(
            "others arrive while one commits: those go together in the next transaction (group ")
        .append("commit), which is what lifts concurrent writers. A single writer that waits for ")
        .append("each append before the next is bound by one commit's latency (a round trip and ")
        .append("an fdatasync of the WAL); one that hands the ledger many drafts at once ")
        .append(
            "(`appendAll`) shares commits as concurrent writers do. Two appenders stand for two ")
        .append("worker processes: they share nothing but the database, and a writer that loses ")
        .append("the race for the next sequence number (the database refuses the fork) reads the ")
        .append(
            "new tail and chains again. After every run the chain was walked and found intact.\n\n");
    commitCeiling();
    verification();
    dataSource.close();
  }

  private void header() throws Exception {
    try (Connection c = dataSource.getConnection();
        Statement s = c.createStatement()) {
      String version = single(s, "SHOW server_version");
      String sync = single(s, "SHOW synchronous_commit");
      String fsync = single(s, "SHOW fsync");
      String method = single(s, "SHOW wal_sync_method");
      report
          .append(HEADING)
          .append("\n\n")
          .append("Measured ")
          .append(LocalDate.now())
          .append(" on ")
          .append(Runtime.getRuntime().availableProcessors())
          .append(" cores, Java ")
          .append(System.getProperty("java.version"))
          .append(", PostgreSQL ")
          .append(version)
          .append(" from Debian's packages on 127.0.0.1 (synchronous_commit=")
          .append(sync)
          .append(", fsync=")
          .append(fsync)
          .append(", wal_sync_method=")
          .append(method)
          .append(
              "; the cluster `scripts/it-env.sh` starts). Reproduce with `scripts/bench-ledger.sh`. ")
          .append("The benchmark, its connection pool and the server share the two cores.\n\n");
    }
  }

  private record Result(
      String name,
      int appenders,
      int writers,
      int perCall,
      int appends,
      double perSecond,
      long p50Micros,
      long p99Micros,
      double perCommit) {}

  private Result appends(
      String name, List<EffectLedger> appenders, int writers, int perCall, int total)
      throws Exception {
    int prefix = ++scenario;
    int calls = total / writers / perCall;
    long commitsBefore = commits();
    ExecutorService pool = Executors.newFixedThreadPool(writers);
    CountDownLatch start = new CountDownLatch(1);
    List<Future<long[]>> done = new ArrayList<>();
    for (int w = 0; w < writers; w++) {
      EffectLedger ledger = appenders.get(w % appenders.size());
      int writer = w;
      done.add(
          pool.submit(
              () -> {
                long[] latencies = new long[calls];
                start.await();
                for (int call = 0; call < calls; call++) {
                  List<EntryDraft> drafts = new ArrayList<>(perCall);
                  for (int j = 0; j < perCall; j++) {
                    int i = call * perCall + j;
                    drafts.add(
                        EntryDraft.effect(
                            "bench-" + prefix + "-" + writer,
                            "chargeCard",
                            "payment-provider",
                            "bench/" + prefix + "/" + writer + "/" + i,
                            EntryPhase.CONFIRMED,
                            "ch_" + i,
                            1_000 + i,
                            "EUR"));
                  }
                  long t0 = System.nanoTime();
                  ledger.appendAll(drafts);
                  latencies[call] = System.nanoTime() - t0;
                }
                return latencies;
              }));
    }
    long began = System.nanoTime();
    start.countDown();
    List<long[]> all = new ArrayList<>();
    for (Future<long[]> f : done) {
      all.add(f.get());
    }
    double seconds = (System.nanoTime() - began) / 1e9;
    pool.shutdown();
    long[] latencies = all.stream().flatMapToLong(Arrays::stream).sorted().toArray();
    int appended = latencies.length * perCall;
    double perCommit = appended / (double) Math.max(1, commits() - commitsBefore);
    ChainVerification chain = new LedgerVerifier(dataSource).verify();
    if (!chain.intact()) {
      throw new IllegalStateException("the chain broke under " + name + ": " + chain);
    }
    Result result =
        new Result(
            name,
            appenders.size(),
            writers,
            perCall,
            appended,
            appended / seconds,
            latencies[latencies.length / 2] / 1_000,
            latencies[(int) (latencies.length * 0.99)] / 1_000,
            perCommit);
    System.out.printf(
        "%s: %d appends in %.2f s = %.0f/s, p50 %d µs, p99 %d µs, %.1f appends/commit%n",
        name,
        appended,
        seconds,
        result.perSecond(),
        result.p50Micros(),
        result.p99Micros(),
        perCommit);
    return result;
  }

  private void row(Result r) {
    report
        .append("| ")
        .append(r.writers())
        .append(" | ")
        .append(r.appenders())
        .append(" | ")
        .append(r.perCall())
        .append(" | ")
        .append(r.appends())
        .append(" | **")
        .append(Math.round(r.perSecond()))
        .append("** | ")
        .append(r.p50Micros())
        .append(" / ")
        .append(r.p99Micros())
        .append(" | ")
        .append(String.format("%.1f", r.perCommit()))
        .append(" |\n");
  }

  /** What one client gets from this server for a bare one-row insert per commit: the ceiling. */
  private void commitCeiling() throws Exception {
    int rows = scale.bareInserts();
    try (Connection c = dataSource.getConnection();
        Statement s = c.createStatement()) {
      s.execute("CREATE TABLE bare_insert (id BIGINT PRIMARY KEY)");
      try (var insert = c.prepareStatement("INSERT INTO bare_insert VALUES (?)")) {
        long began = System.nanoTime();
        for (int i = 0; i < rows; i++) {
          insert.setLong(1, i);
          insert.executeUpdate();
        }
        double seconds = (System.nanoTime() - began) / 1e9;
        report
            .append("For scale: on the same server one JDBC client committing a bare one-row ")
            .append("insert into a one-column table, one at a time, reaches **")
            .append(Math.round(rows / seconds))
            .append("/s** — the ceiling for a single writer ")
            .append(
                "that waits for each commit; the ledger's row carries six indexes and a hash.\n\n");
        System.out.printf("bare insert: %.0f/s%n", rows / seconds);
      }
    }
  }

  private void verification() throws Exception {
    LedgerVerifier verifier = new LedgerVerifier(dataSource);
    verifier.verify(); // warm-up
    long began = System.nanoTime();
    ChainVerification chain = verifier.verify();
    double seconds = (System.nanoTime() - began) / 1e9;
    report
        .append("### Verifying the chain\n\n")
        .append("A walk of the whole chain (every entry re-hashed, every link and sequence number ")
        .append("checked, rows streamed 2,000 at a time) over ")
        .append(chain.entriesChecked())
        .append(" entries took ")
        .append(String.format("%.2f", seconds))
        .append(" s: **")
        .append(Math.round(chain.entriesChecked() / seconds))
        .append(" entries/s**")
        .append(chain.intact() ? ", intact" : ", BROKEN")
        .append(".\n");
    System.out.printf("verify: %d entries in %.2f s%n", chain.entriesChecked(), seconds);
    if (!chain.intact()) {
      throw new IllegalStateException("the chain is broken: " + chain);
    }
  }

  /** Transactions committed in this database so far (as the statistics collector counts them). */
  private long commits() throws Exception {
    Thread.sleep(1_200); // statistics reach pg_stat_database a moment after each commit
    try (Connection c = dataSource.getConnection();
        Statement s = c.createStatement()) {
      s.execute("SELECT pg_stat_clear_snapshot()");
      return Long.parseLong(
          single(s, "SELECT xact_commit FROM pg_stat_database WHERE datname = current_database()"));
    }
  }

  private void dropSchema() throws Exception {
    try (Connection c = DriverManager.getConnection(url, user, password);
        Statement s = c.createStatement()) {
      s.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
    }
  }

  private static String single(Statement s, String sql) throws Exception {
    try (ResultSet rs = s.executeQuery(sql)) {
      rs.next();
      return rs.getString(1);
    }
  }

  private static String env(String name, String fallback) {
    String value = System.getenv(name);
    return value == null || value.isBlank() ? fallback : value;
  }
}
