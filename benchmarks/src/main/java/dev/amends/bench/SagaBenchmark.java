package dev.amends.bench;

import dev.amends.app.order.Address;
import dev.amends.app.order.Order;
import dev.amends.app.order.OrderLine;
import dev.amends.app.order.OrderResult;
import dev.amends.app.order.OrderSagaInput;
import dev.amends.app.order.OrderWorkflow;
import dev.amends.app.order.OrderWorkflowImpl;
import dev.amends.app.order.PlainOrderWorkflow;
import dev.amends.app.order.PlainOrderWorkflowImpl;
import dev.amends.saga.SagaSettings;
import dev.amends.saga.SagaState;
import dev.amends.saga.SagaStatus;
import dev.amends.saga.SignalPayloads;
import io.temporal.api.enums.v1.EventType;
import io.temporal.api.history.v1.HistoryEvent;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowStub;
import io.temporal.common.WorkflowExecutionHistory;
import io.temporal.common.metadata.POJOWorkflowInterfaceMetadata;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import io.temporal.testing.WorkflowReplayer;
import io.temporal.worker.Worker;
import io.temporal.worker.WorkerFactory;
import io.temporal.worker.WorkerFactoryOptions;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

/**
 * What an amends saga costs against the same steps written with a bare Saga (the twin), measured in
 * one run on one Temporal server: history events, throughput, latency, replay speed and the worker
 * heap held by sagas waiting for an operator. Prints the figures and writes them as Markdown.
 * Usage: SagaBenchmark [--smoke] OUTPUT.md (env AMENDS_BENCH_TEMPORAL, AMENDS_BENCH_HISTORIES,
 * AMENDS_BENCH_WAITING). {@code --smoke} runs every phase on a few sagas to show that the benchmark
 * still works, prints what it measured and writes nothing.
 */
public final class SagaBenchmark {
  private static final String AMENDS_QUEUE = "bench-amends";
  private static final String PLAIN_QUEUE = "bench-plain";
  private static final SagaSettings SETTINGS = new SagaSettings(Duration.ofMinutes(30), 2);

  enum Variant {
    HAPPY,
    FAILS_AT_PRICE,
    FAILS_AT_RESERVE,
    FAILS_AT_CHARGE,
    FAILS_AT_SHIPMENT,
    FAILS_AT_CONFIRMATION,
    REFUND_FAILS_SETTLED_BY_OPERATOR
  }

  /** How much each phase runs: the published figures, or a smoke run of about a minute. */
  private record Scale(
      boolean smoke, int[][] startersAndSagas, int undoSamples, int replays, Duration waitAtMost) {
    static final Scale FULL =
        new Scale(
            false, new int[][] {{1, 20}, {8, 80}, {64, 192}}, 20, 1000, Duration.ofMinutes(8));
    static final Scale SMOKE = new Scale(true, new int[][] {{4, 8}}, 3, 50, Duration.ofMinutes(1));
  }

  private final WorkflowClient client;
  private final Scale scale;
  private final ScriptedOrderActivities activities = new ScriptedOrderActivities();
  private final String run = "b" + System.currentTimeMillis();
  private final AtomicInteger sequence = new AtomicInteger();
  private final StringBuilder report = new StringBuilder();

  private SagaBenchmark(WorkflowClient client, Scale scale) {
    this.client = client;
    this.scale = scale;
  }

  public static void main(String[] args) {
    try {
      run(args);
    } catch (Throwable failed) {
      // The worker's threads would keep the JVM alive; the caller must see the failure.
      failed.printStackTrace();
      System.exit(1);
    }
  }

  private static void run(String[] args) throws Exception {
    List<String> arguments = new ArrayList<>(List.of(args));
    Scale scale = arguments.remove("--smoke") ? Scale.SMOKE : Scale.FULL;
    Path output = Path.of(arguments.isEmpty() ? "docs/BENCHMARKS.md" : arguments.get(0));
    String target = env("AMENDS_BENCH_TEMPORAL", "127.0.0.1:7233");
    Path histories = Path.of(env("AMENDS_BENCH_HISTORIES", "app/src/test/resources/histories"));
    int waiting = Integer.parseInt(env("AMENDS_BENCH_WAITING", scale.smoke() ? "20" : "1000"));
    WorkflowServiceStubs service =
        WorkflowServiceStubs.newServiceStubs(
            WorkflowServiceStubsOptions.newBuilder().setTarget(target).build());
    WorkflowClient client = WorkflowClient.newInstance(service);
    // Room for every waiting saga in the cache, so the heap figure is what a saga holds.
    WorkerFactory factory =
        WorkerFactory.newInstance(
            client,
            WorkerFactoryOptions.newBuilder()
                .setWorkflowCacheSize(waiting + 200)
                .setMaxWorkflowThreadCount(3 * waiting + 600)
                .build());
    SagaBenchmark bench = new SagaBenchmark(client, scale);
    Worker amends = factory.newWorker(AMENDS_QUEUE);
    amends.registerWorkflowImplementationTypes(OrderWorkflowImpl.class);
    amends.registerActivitiesImplementations(bench.activities, new NoAlerts());
    Worker plain = factory.newWorker(PLAIN_QUEUE);
    plain.registerWorkflowImplementationTypes(PlainOrderWorkflowImpl.class);
    plain.registerActivitiesImplementations(bench.activities);
    factory.start();
    try {
      bench.header(target);
      bench.historyEvents();
      bench.throughput();
      bench.undoLatency();
      bench.replay(histories);
      bench.waitingHeap(waiting);
    } finally {
      factory.shutdownNow();
      service.shutdownNow();
    }
    System.out.println(bench.report);
    if (scale.smoke()) {
      System.out.println(
          "smoke run: every phase ran and every saga ended as expected; "
              + output
              + " left as it was");
      return;
    }
    String existing = Files.exists(output) ? Files.readString(output) : "# Benchmarks\n\n";
    Files.writeString(
        output,
        BenchmarkReport.replaceSection(
            existing, "## Saga cost against the plain-Saga twin", bench.report.toString()));
    System.out.println("written to " + output);
  }

  private void header(String target) {
    report.append("## Saga cost against the plain-Saga twin\n\n");
    report
        .append("Measured ")
        .append(LocalDate.now())
        .append(" on ")
        .append(Runtime.getRuntime().availableProcessors())
        .append(" cores, Java ")
        .append(System.getProperty("java.version"))
        .append(", Temporal Java SDK 1.38.0, against the ")
        .append("Temporal CLI dev server 1.5.1 (server 1.29.1, SQLite) at ")
        .append(target)
        .append(". Reproduce with `scripts/bench.sh`. The worker runs in the benchmark's JVM with ")
        .append(
            "in-memory activities, so the figures show what the saga core and the server cost, ")
        .append(
            "not a database. The machine is shared and noisy: read the ratios, measured in the ")
        .append("same run on the same server, before the absolute figures.\n\n");
  }

  // --- history events -------------------------------------------------------------------

  private void historyEvents() throws Exception {
    report.append(
        "### History events per saga\n\n| variant | amends | twin | extra |\n|---|---|---|---|\n");
    for (Variant variant : Variant.values()) {
      String id = nextId();
      runAmends(id, variant);
      runTwin(id, variant);
      int amends = events("order-" + id).size();
      int twin = events("twin-" + id).size();
      report
          .append("| ")
          .append(variant.name().toLowerCase().replace('_', ' '))
          .append(" | ")
          .append(amends)
          .append(" | ")
          .append(twin)
          .append(" | ")
          .append(amends - twin)
          .append(" |\n");
    }
    report
        .append("\nTarget: 0 extra on the happy path, none when compensating. A saga that fails ")
        .append("before it has two undos to batch (at the price or the reservation) still costs ")
        .append("3 more than the twin: the parallel-undo version marker and the two SagaStatus ")
        .append(
            "writes (COMPENSATING, then the end) are not yet offset by undos scheduled together; ")
        .append("from the charge on, amends costs the same or less.");
    report
        .append(" When an undo fails ")
        .append("for good the twin swallows the error and ends; amends records the escalation ")
        .append(
            "(a search-attribute write, an activity to record and alert, the signal, the retried ")
        .append(
            "undo, the closing record) — those events are the operator's audit trail, not overhead.\n\n");
  }

  // --- throughput and latency -----------------------------------------------------------

  private void throughput() throws Exception {
    report
        .append("### Throughput and start-to-completion latency (happy path)\n\n")
        .append(
            "| concurrent starters | sagas | amends sagas/s | twin sagas/s | ratio | amends p50 / p99 ms | twin p50 / p99 ms |\n")
        .append("|---|---|---|---|---|---|---|\n");
    for (int[] row : scale.startersAndSagas()) {
      int concurrency = row[0];
      int sagas = row[1];
      // Alternate who goes first, and run each twice, so neither side always meets a warmer server.
      Load plainFirst = load(concurrency, sagas, false);
      Load amendsA = load(concurrency, sagas, true);
      Load amendsB = load(concurrency, sagas, true);
      Load plainB = load(concurrency, sagas, false);
      Load amends = amendsA.merge(amendsB);
      Load twin = plainFirst.merge(plainB);
      report.append(
          String.format(
              "| %d | %d ×2 | %.1f | %.1f | %.2f | %d / %d | %d / %d |%n",
              concurrency,
              sagas,
              amends.rate(),
              twin.rate(),
              amends.rate() / twin.rate(),
              amends.percentile(50),
              amends.percentile(99),
              twin.percentile(50),
              twin.percentile(99)));
    }
    report
        .append("\nTarget: a ratio of at least 0.95. What limits it: the dev server (one process, ")
        .append("SQLite) and the two cores it shares with the worker and the starters.\n\n");
  }

  private record Load(int sagas, long wallNanos, List<Long> latenciesMillis) {
    double rate() {
      return sagas / (wallNanos / 1e9);
    }

    long percentile(int p) {
      List<Long> sorted = new ArrayList<>(latenciesMillis);
      Collections.sort(sorted);
      int index = (int) Math.ceil(p / 100.0 * sorted.size()) - 1;
      return sorted.get(Math.max(0, Math.min(index, sorted.size() - 1)));
    }

    Load merge(Load other) {
      List<Long> all = new ArrayList<>(latenciesMillis);
      all.addAll(other.latenciesMillis);
      return new Load(sagas + other.sagas, wallNanos + other.wallNanos, all);
    }
  }

  private Load load(int concurrency, int sagas, boolean amends) throws Exception {
    List<Long> latencies = Collections.synchronizedList(new ArrayList<>());
    AtomicInteger remaining = new AtomicInteger(sagas);
    ExecutorService starters = Executors.newFixedThreadPool(concurrency);
    long start = System.nanoTime();
    for (int t = 0; t < concurrency; t++) {
      starters.submit(
          () -> {
            while (remaining.getAndDecrement() > 0) {
              String id = nextId();
              long began = System.nanoTime();
              if (amends) {
                runAmends(id, Variant.HAPPY);
              } else {
                runTwin(id, Variant.HAPPY);
              }
              latencies.add((System.nanoTime() - began) / 1_000_000);
            }
            return null;
          });
    }
    starters.shutdown();
    if (!starters.awaitTermination(10, TimeUnit.MINUTES)) {
      throw new IllegalStateException("load did not finish");
    }
    return new Load(sagas, System.nanoTime() - start, latencies);
  }

  // --- from a step's failure to the last undo ---------------------------------------------

  private void undoLatency() throws Exception {
    List<Long> amends = new ArrayList<>();
    List<Long> twin = new ArrayList<>();
    int samples = scale.undoSamples();
    for (int i = 0; i < samples; i++) {
      String id = nextId();
      runAmends(id, Variant.FAILS_AT_CONFIRMATION);
      runTwin(id, Variant.FAILS_AT_CONFIRMATION);
      amends.add(failureToLastUndo(events("order-" + id)));
      twin.add(failureToLastUndo(events("twin-" + id)));
    }
    Load a = new Load(samples, 1, amends);
    Load t = new Load(samples, 1, twin);
    report
        .append(
            "### From a step's failure to its last undo (failure at the confirmation, 4 undos)\n\n")
        .append("| | p50 ms | p99 ms |\n|---|---|---|\n")
        .append(
            String.format(
                "| amends (independent undos at once) | %d | %d |%n",
                a.percentile(50), a.percentile(99)))
        .append(
            String.format(
                "| twin (one undo at a time) | %d | %d |%n%n", t.percentile(50), t.percentile(99)))
        .append(
            "Measured from server timestamps in each history (the failed activity's event to the ")
        .append("last undo's completion), over ")
        .append(samples)
        .append(" sagas each.\n\n");
  }

  private static long failureToLastUndo(List<HistoryEvent> events) {
    long failedAt = 0;
    long lastUndo = 0;
    for (HistoryEvent e : events) {
      long at = e.getEventTime().getSeconds() * 1000 + e.getEventTime().getNanos() / 1_000_000;
      if (e.getEventType() == EventType.EVENT_TYPE_ACTIVITY_TASK_FAILED && failedAt == 0) {
        failedAt = at;
      }
      if (e.getEventType() == EventType.EVENT_TYPE_ACTIVITY_TASK_COMPLETED && failedAt != 0) {
        lastUndo = at;
      }
    }
    return lastUndo - failedAt;
  }

  // --- replay ---------------------------------------------------------------------------

  /**
   * Replays the recorded histories of the order saga, the one this benchmark is about. The folder
   * also holds the reconciler's, its drift escalations' and the story writer's histories (each
   * replayed against its own code by the workflows module's replay tests); a history is chosen by
   * the workflow type it records, not by its folder, so the others are left out.
   */
  private void replay(Path folder) throws Exception {
    String orderType =
        POJOWorkflowInterfaceMetadata.newInstance(OrderWorkflow.class)
            .getWorkflowType()
            .orElseThrow();
    List<WorkflowExecutionHistory> histories = new ArrayList<>();
    Map<String, Integer> leftOut = new TreeMap<>();
    try (Stream<Path> files = Files.walk(folder)) {
      for (Path p : files.filter(f -> f.toString().endsWith(".json")).sorted().toList()) {
        WorkflowExecutionHistory history = WorkflowExecutionHistory.fromJson(Files.readString(p));
        String type =
            history
                .getEvents()
                .get(0)
                .getWorkflowExecutionStartedEventAttributes()
                .getWorkflowType()
                .getName();
        if (type.equals(orderType)) {
          histories.add(history);
        } else {
          leftOut.merge(type, 1, Integer::sum);
        }
      }
    }
    if (histories.isEmpty()) {
      throw new IllegalStateException("no " + orderType + " history under " + folder);
    }
    System.out.println(
        "replay: " + histories.size() + " " + orderType + " histories; left out " + leftOut);
    int replays = scale.replays();
    for (int i = 0; i < replays / 10; i++) {
      WorkflowReplayer.replayWorkflowExecution(
          histories.get(i % histories.size()), OrderWorkflowImpl.class);
    }
    long events = 0;
    long start = System.nanoTime();
    for (int i = 0; i < replays; i++) {
      WorkflowExecutionHistory history = histories.get(i % histories.size());
      WorkflowReplayer.replayWorkflowExecution(history, OrderWorkflowImpl.class);
      events += history.getEvents().size();
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    report
        .append("### Replay\n\n")
        .append(
            String.format(
                "%d replays of the %d recorded order-saga histories (every order-flow variant, every code version; %d events in all) took %.2f s: **%.0f histories/s** (target: 1,000 in under 10 s). ",
                replays, histories.size(), events, seconds, replays / seconds))
        .append("One thread, no server: what limits it is the worker's CPU. The reconciler's, the ")
        .append("drift escalations' and the story writer's recorded histories are not part of ")
        .append("this figure.\n\n");
  }

  // --- memory ---------------------------------------------------------------------------

  private void waitingHeap(int count) throws Exception {
    long before = usedHeapAfterGc();
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      String id = nextId();
      ids.add(id);
      WorkflowClient.start(
          amendsStub(id)::fulfil,
          new OrderSagaInput(order(id, Variant.REFUND_FAILS_SETTLED_BY_OPERATOR), SETTINGS));
    }
    String query = "SagaStatus=\"NEEDS_OPERATOR\" AND WorkflowId STARTS_WITH \"order-" + run + "\"";
    long deadline = System.nanoTime() + scale.waitAtMost().toNanos();
    long waitingNow = 0;
    while (System.nanoTime() < deadline) {
      waitingNow = client.countWorkflows(query).getCount();
      if (waitingNow >= count) {
        break;
      }
      Thread.sleep(1000);
    }
    if (scale.smoke() && waitingNow < count) {
      throw new IllegalStateException(
          waitingNow
              + " of "
              + count
              + " sagas reached NEEDS_OPERATOR within "
              + scale.waitAtMost());
    }
    long after = usedHeapAfterGc();
    int threads = ManagementFactory.getThreadMXBean().getThreadCount();
    report
        .append("### Worker heap held by sagas waiting for an operator\n\n")
        .append(
            String.format(
                "%d sagas whose refund failed, all waiting (counted by `%s`: %d) and all in the worker's cache: used heap %.1f MiB before, %.1f MiB after, **%.1f MiB per 1,000 waiting sagas**; %d JVM threads (a cached waiting saga parks a workflow thread, off-heap). ",
                count,
                "SagaStatus=\"NEEDS_OPERATOR\"",
                waitingNow,
                before / 1048576.0,
                after / 1048576.0,
                (after - before) / 1048576.0 * 1000 / count,
                threads))
        .append("A worker with a smaller cache holds less and replays an evicted saga when its ")
        .append("decision arrives. The twin has no waiting state to compare.\n");
    for (String id : ids) {
      client.newUntypedWorkflowStub("order-" + id).terminate("benchmark cleanup");
    }
  }

  private static long usedHeapAfterGc() throws InterruptedException {
    for (int i = 0; i < 3; i++) {
      System.gc();
      Thread.sleep(300);
    }
    Runtime rt = Runtime.getRuntime();
    return rt.totalMemory() - rt.freeMemory();
  }

  // --- running one saga -----------------------------------------------------------------

  private void runAmends(String id, Variant variant) throws Exception {
    OrderWorkflow stub = amendsStub(id);
    WorkflowClient.start(stub::fulfil, new OrderSagaInput(order(id, variant), SETTINGS));
    if (variant == Variant.REFUND_FAILS_SETTLED_BY_OPERATOR) {
      while (stub.sagaState().openEscalations().isEmpty()) {
        Thread.sleep(100);
      }
      activities.heal(id);
      SagaState state = stub.sagaState();
      stub.resolveEscalation(
          SignalPayloads.of(
              Map.of(
                  "escalationId",
                  state.openEscalations().get(0).id(),
                  "action",
                  "RETRY",
                  "operator",
                  "bench")));
    }
    OrderResult result = WorkflowStub.fromTyped(stub).getResult(OrderResult.class);
    SagaStatus expected =
        switch (variant) {
          case HAPPY -> SagaStatus.COMPLETED;
          case REFUND_FAILS_SETTLED_BY_OPERATOR -> SagaStatus.COMPENSATED_WITH_OPERATOR;
          default -> SagaStatus.COMPENSATED;
        };
    // Figures of sagas that went wrong would measure the wrong thing.
    if (result.status() != expected) {
      throw new IllegalStateException(
          "order-"
              + id
              + " ("
              + variant
              + ") ended "
              + result.status()
              + ", not "
              + expected
              + ": "
              + result.failure());
    }
  }

  private void runTwin(String id, Variant variant) {
    PlainOrderWorkflow twin =
        client.newWorkflowStub(
            PlainOrderWorkflow.class,
            WorkflowOptions.newBuilder()
                .setTaskQueue(PLAIN_QUEUE)
                .setWorkflowId("twin-" + id)
                .build());
    twin.fulfil(new OrderSagaInput(order(id, variant), SETTINGS));
  }

  private OrderWorkflow amendsStub(String id) {
    return client.newWorkflowStub(
        OrderWorkflow.class,
        WorkflowOptions.newBuilder()
            .setTaskQueue(AMENDS_QUEUE)
            .setWorkflowId("order-" + id)
            .build());
  }

  private List<HistoryEvent> events(String workflowId) {
    return client.fetchHistory(workflowId).getEvents();
  }

  private String nextId() {
    return run + "-" + sequence.incrementAndGet();
  }

  static Order order(String id, Variant variant) {
    String sku =
        switch (variant) {
          case FAILS_AT_PRICE -> "UNPRICEABLE-1";
          case FAILS_AT_RESERVE -> "OUT-OF-STOCK-1";
          default -> "BOOK-1";
        };
    String card =
        switch (variant) {
          case FAILS_AT_CHARGE -> "tok_declined";
          case REFUND_FAILS_SETTLED_BY_OPERATOR -> "tok_refund_blocked";
          default -> "tok_visa";
        };
    String line1 =
        variant == Variant.FAILS_AT_SHIPMENT || variant == Variant.REFUND_FAILS_SETTLED_BY_OPERATOR
            ? "7 UNDELIVERABLE Rd"
            : "1 Main St";
    String email =
        variant == Variant.FAILS_AT_CONFIRMATION ? "bounce@example.com" : "ana@example.com";
    return new Order(
        id,
        email,
        List.of(new OrderLine(sku, 1)),
        card,
        new Address("Ana", line1, "Lisbon", "1000-001", "PT"),
        "EUR");
  }

  private static String env(String name, String fallback) {
    String value = System.getenv(name);
    return value == null || value.isBlank() ? fallback : value;
  }
}
