package dev.amends.bench;

import dev.amends.app.order.OrderSagaInput;
import dev.amends.app.order.OrderWorkflow;
import dev.amends.app.order.OrderWorkflowImpl;
import dev.amends.saga.AmendsSaga;
import dev.amends.saga.Escalation;
import dev.amends.saga.EscalationActivities;
import dev.amends.saga.SagaSettings;
import dev.amends.saga.SignalPayloads;
import io.temporal.api.enums.v1.EventType;
import io.temporal.api.enums.v1.IndexedValueType;
import io.temporal.api.history.v1.HistoryEvent;
import io.temporal.api.operatorservice.v1.AddSearchAttributesRequest;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.serviceclient.OperatorServiceStubs;
import io.temporal.serviceclient.OperatorServiceStubsOptions;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import io.temporal.worker.Worker;
import io.temporal.worker.WorkerFactory;
import io.temporal.worker.WorkerFactoryOptions;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;

/**
 * Many sagas waiting for an operator on one worker with a bounded workflow cache: the heap and the
 * threads the worker holds, and how long a decision takes to reach a saga that must first be
 * replayed from its history because the cache evicted it. Prints the figures as Markdown.
 *
 * <p>Env: AMENDS_BENCH_TEMPORAL (target), AMENDS_BENCH_WAITING (default 10000), AMENDS_BENCH_CACHE
 * (workflow cache size, default 200), AMENDS_BENCH_WORKFLOW_THREADS (default 200),
 * AMENDS_BENCH_DECISIONS (default 200).
 */
public final class WaitingSagasBenchmark {
  private static final String QUEUE = "amends-waiting-bench";
  private static final SagaSettings SETTINGS = new SagaSettings(Duration.ofMinutes(30), 2);

  public static void main(String[] args) {
    try {
      run();
    } catch (Throwable failed) {
      failed.printStackTrace();
      System.exit(1);
    }
    System.exit(0);
  }

  private static void run() throws Exception {
    String target = env("AMENDS_BENCH_TEMPORAL", "127.0.0.1:7241");
    int waiting = Integer.parseInt(env("AMENDS_BENCH_WAITING", "10000"));
    int cache = Integer.parseInt(env("AMENDS_BENCH_CACHE", "200"));
    int workflowThreads = Integer.parseInt(env("AMENDS_BENCH_WORKFLOW_THREADS", "200"));
    int decisions = Math.min(waiting / 2, Integer.parseInt(env("AMENDS_BENCH_DECISIONS", "200")));
    String run = "w" + Long.toString(System.currentTimeMillis(), 36);

    WorkflowServiceStubs service =
        WorkflowServiceStubs.newServiceStubs(
            WorkflowServiceStubsOptions.newBuilder().setTarget(target).build());
    WorkflowClient client = WorkflowClient.newInstance(service);
    registerSagaStatus(service);
    WorkerFactory factory =
        WorkerFactory.newInstance(
            client,
            WorkerFactoryOptions.newBuilder()
                .setWorkflowCacheSize(cache)
                .setMaxWorkflowThreadCount(workflowThreads)
                .build());
    ScriptedOrderActivities activities = new ScriptedOrderActivities();
    OpenedEscalations opened = new OpenedEscalations();
    Worker worker = factory.newWorker(QUEUE);
    worker.registerWorkflowImplementationTypes(OrderWorkflowImpl.class);
    worker.registerActivitiesImplementations(activities, opened);
    factory.start();
    long heapBefore = usedHeapAfterGc();

    long started = System.nanoTime();
    // A bounded number of starts in flight, as a service's callers would be.
    Semaphore inFlight = new Semaphore(64);
    for (int i = 0; i < waiting; i++) {
      String id = run + "-" + i;
      inFlight.acquire();
      try {
        WorkflowClient.start(
            stub(client, id)::fulfil,
            new OrderSagaInput(
                SagaBenchmark.order(id, SagaBenchmark.Variant.REFUND_FAILS_SETTLED_BY_OPERATOR),
                SETTINGS));
      } finally {
        inFlight.release();
      }
    }
    while (opened.count() < waiting) {
      if (Duration.ofNanos(System.nanoTime() - started).toMinutes() > 30) {
        throw new IllegalStateException(opened.count() + " of " + waiting + " sagas waiting");
      }
      Thread.sleep(1000);
    }
    double fillSeconds = (System.nanoTime() - started) / 1e9;
    long heapWaiting = usedHeapAfterGc();
    int threads = ManagementFactory.getThreadMXBean().getThreadCount();
    int peakThreads = ManagementFactory.getThreadMXBean().getPeakThreadCount();

    // The oldest sagas: long evicted from a cache that holds the newest few hundred.
    List<Long> latencies = new ArrayList<>();
    for (int i = 0; i < decisions; i++) {
      String id = run + "-" + i;
      activities.heal(id);
      String escalationId = opened.escalationOf("order-" + id);
      client
          .newWorkflowStub(OrderWorkflow.class, "order-" + id)
          .resolveEscalation(
              SignalPayloads.of(
                  Map.of("escalationId", escalationId, "action", "RETRY", "operator", "bench")));
      latencies.add(signalToNextEventMillis(client, "order-" + id));
    }
    latencies.sort(Long::compare);
    long heapAfter = usedHeapAfterGc();

    System.out.printf(
        "| %,d | %d | %d | %.1f MiB (%.1f before) | %.1f MiB | %d (peak %d) | %d / %d / %d ms |"
            + " %.0f s |%n",
        waiting,
        cache,
        workflowThreads,
        heapWaiting / 1048576.0,
        heapBefore / 1048576.0,
        heapAfter / 1048576.0,
        threads,
        peakThreads,
        percentile(latencies, 50),
        percentile(latencies, 99),
        latencies.get(latencies.size() - 1),
        fillSeconds);
    System.out.printf(
        "(columns: waiting sagas | cache | workflow threads | used heap after GC, all waiting |"
            + " after %d decisions | JVM threads | decision to next event p50 / p99 / max |"
            + " time to fill)%n",
        decisions);
    factory.shutdownNow();
    service.shutdownNow();
  }

  /**
   * From the decision's signal to the first workflow task completed after it, by the server's
   * clock: the time the worker took to fetch the saga's history, replay it and answer.
   */
  private static long signalToNextEventMillis(WorkflowClient client, String workflowId)
      throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    while (System.nanoTime() < deadline) {
      HistoryEvent signaled = null;
      for (HistoryEvent e : client.fetchHistory(workflowId).getEvents()) {
        if (e.getEventType() == EventType.EVENT_TYPE_WORKFLOW_EXECUTION_SIGNALED) {
          signaled = e;
        } else if (signaled != null
            && e.getEventType() == EventType.EVENT_TYPE_WORKFLOW_TASK_COMPLETED) {
          return millis(e) - millis(signaled);
        }
      }
      Thread.sleep(20);
    }
    throw new IllegalStateException(workflowId + " never answered its decision");
  }

  /** The search attribute sagas write once they leave the happy path; a real server has it too. */
  private static void registerSagaStatus(WorkflowServiceStubs service) {
    OperatorServiceStubs operator =
        OperatorServiceStubs.newServiceStubs(
            OperatorServiceStubsOptions.newBuilder()
                .setChannel(service.getRawChannel())
                .validateAndBuildWithDefaults());
    try {
      operator
          .blockingStub()
          .addSearchAttributes(
              AddSearchAttributesRequest.newBuilder()
                  .setNamespace("default")
                  .putSearchAttributes(
                      AmendsSaga.SAGA_STATUS.getName(), IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD)
                  .build());
    } catch (io.grpc.StatusRuntimeException alreadyThere) {
      if (alreadyThere.getStatus().getCode() != io.grpc.Status.Code.ALREADY_EXISTS) {
        throw alreadyThere;
      }
    }
  }

  private static long millis(HistoryEvent e) {
    return e.getEventTime().getSeconds() * 1000 + e.getEventTime().getNanos() / 1_000_000;
  }

  private static long percentile(List<Long> sorted, int p) {
    int index = (int) Math.ceil(p / 100.0 * sorted.size()) - 1;
    return sorted.get(Math.max(0, Math.min(sorted.size() - 1, index)));
  }

  private static OrderWorkflow stub(WorkflowClient client, String id) {
    return client.newWorkflowStub(
        OrderWorkflow.class,
        WorkflowOptions.newBuilder().setTaskQueue(QUEUE).setWorkflowId("order-" + id).build());
  }

  private static long usedHeapAfterGc() throws InterruptedException {
    for (int i = 0; i < 3; i++) {
      System.gc();
      Thread.sleep(300);
    }
    Runtime rt = Runtime.getRuntime();
    return rt.totalMemory() - rt.freeMemory();
  }

  private static String env(String name, String fallback) {
    String value = System.getenv(name);
    return value == null || value.isBlank() ? fallback : value;
  }

  /** The escalation activities without a database: remembers which escalation each saga opened. */
  private static final class OpenedEscalations implements EscalationActivities {
    private final Map<String, String> bySaga = new ConcurrentHashMap<>();

    @Override
    public void open(Escalation escalation) {
      bySaga.putIfAbsent(escalation.sagaId(), escalation.id());
    }

    @Override
    public void realert(Escalation escalation) {}

    @Override
    public void recordWriteOff(Escalation escalation) {}

    @Override
    public void close(Escalation escalation) {}

    int count() {
      return bySaga.size();
    }

    String escalationOf(String sagaId) {
      return bySaga.get(sagaId);
    }
  }
}
