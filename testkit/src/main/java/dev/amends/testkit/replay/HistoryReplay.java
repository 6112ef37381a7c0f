package dev.amends.testkit.replay;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.util.JsonFormat;
import dev.amends.testkit.history.HistoryEvents;
import io.temporal.api.history.v1.History;
import io.temporal.api.history.v1.HistoryEvent;
import io.temporal.client.WorkflowClientOptions;
import io.temporal.common.WorkflowExecutionHistory;
import io.temporal.common.converter.CodecDataConverter;
import io.temporal.common.converter.DataConverter;
import io.temporal.common.converter.GlobalDataConverter;
import io.temporal.common.metadata.POJOWorkflowImplMetadata;
import io.temporal.common.metadata.POJOWorkflowMethodMetadata;
import io.temporal.payload.codec.PayloadCodec;
import io.temporal.testing.TestEnvironmentOptions;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.worker.Worker;
import io.temporal.worker.WorkerOptions;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Replays every recorded history in a folder (and its subfolders: every {@code *.json}, as {@code
 * temporal workflow show --output json} writes it) against today's workflow classes, through one
 * shared replay environment (one replay worker per processor, each reading and replaying its
 * share). Each history goes to the class that implements the workflow type named in its first
 * event. A failure names the history file and the event where replay diverged.
 *
 * <pre>
 * HistoryReplay.replayAll(Path.of("src/test/resources/histories"),
 *     OrderWorkflowImpl.class, StoryWorkflowImpl.class);
 *
 * // Histories whose payloads are encrypted: with the service's codec.
 * HistoryReplay.of(OrderWorkflowImpl.class).codec(payloadCodec).replayAll(folder);
 * </pre>
 */
public final class HistoryReplay {
  private static final Pattern EVENT_ID =
      Pattern.compile("(?i)event\\s*id\\s*[=:]?\\s*(\\d+)|\\bevent (\\d+)\\b");
  private static final String REPLAY_QUEUE = "amends-replay";
  private static final JsonFormat.Parser JSON = JsonFormat.parser().ignoringUnknownFields();
  private static final long REPLAY_DEADLOCK_TIMEOUT_MILLIS = 60_000;

  private final List<Class<?>> workflowClasses;
  private DataConverter dataConverter;
  private boolean ignoreUnknownTypes;
  private String fileNamePattern = ".*\\.json";
  // A replay hands each step between the worker's thread and the workflow's, so one replay per
  // core leaves cores idle; four per core keeps them busy (docs/BENCHMARKS.md).
  private int parallelism = 4 * Runtime.getRuntime().availableProcessors();

  private HistoryReplay(List<Class<?>> workflowClasses) {
    this.workflowClasses = List.copyOf(workflowClasses);
  }

  public static HistoryReplay of(Class<?>... workflowClasses) {
    return new HistoryReplay(List.of(workflowClasses));
  }

  /** Replays every history in {@code folder}; throws naming each that did not replay. */
  public static ReplayReport replayAll(Path folder, Class<?>... workflowClasses) {
    return of(workflowClasses).replayAll(folder);
  }

  /** The data converter (with its codec) the histories' payloads were written with. */
  public HistoryReplay dataConverter(DataConverter converter) {
    this.dataConverter = converter;
    return this;
  }

  /**
   * The codec the service encrypts payloads with (its failure details included), over the data
   * converter given or the default one. Payloads the codec did not encode, from histories recorded
   * before it, must pass through its decode unchanged, so old and new histories replay together.
   */
  public HistoryReplay codec(PayloadCodec... codecs) {
    DataConverter base = dataConverter != null ? dataConverter : GlobalDataConverter.get();
    this.dataConverter = new CodecDataConverter(base, List.of(codecs), true);
    return this;
  }

  /** Skips histories of workflow types none of the classes implements, instead of failing. */
  public HistoryReplay ignoringUnknownTypes() {
    this.ignoreUnknownTypes = true;
    return this;
  }

  /** Only files whose name matches (a regular expression; default {@code .*\.json}). */
  public HistoryReplay filesMatching(String regex) {
    this.fileNamePattern = regex;
    return this;
  }

  /** How many histories are read and replayed at once; default: four per processor. */
  public HistoryReplay parallelism(int threads) {
    if (threads < 1) {
      throw new IllegalArgumentException("parallelism must be at least 1");
    }
    this.parallelism = threads;
    return this;
  }

  /** Replays every matching history under {@code folder}; throws if any did not replay. */
  public ReplayReport replayAll(Path folder) {
    return run(folder).assertAllReplayed();
  }

  /** Replays every matching history under {@code folder} and reports, without throwing. */
  public ReplayReport run(Path folder) {
    return replay(historyFiles(folder));
  }

  /** Replays the given history files and reports, without throwing. */
  public ReplayReport replay(List<Path> files) {
    Map<String, Class<?>> byType = workflowTypes();
    TestEnvironmentOptions.Builder options = TestEnvironmentOptions.newBuilder();
    if (dataConverter != null) {
      options.setWorkflowClientOptions(
          WorkflowClientOptions.newBuilder().setDataConverter(dataConverter).build());
    }
    int threads = Math.max(1, Math.min(parallelism, files.size()));
    List<Outcome> outcomes = new ArrayList<>(files.size());
    try (TestWorkflowEnvironment env = TestWorkflowEnvironment.newInstance(options.build())) {
      // One replay worker per thread, all in one environment: each thread reads a history and
      // replays it, so reading and replaying use every core.
      List<Worker> workers = new ArrayList<>();
      for (int i = 0; i < threads; i++) {
        Worker worker =
            env.newWorker(
                REPLAY_QUEUE + "-" + i,
                WorkerOptions.newBuilder()
                    // A loaded machine must not turn a slow first replay into a failure.
                    .setDefaultDeadlockDetectionTimeout(REPLAY_DEADLOCK_TIMEOUT_MILLIS)
                    .build());
        worker.registerWorkflowImplementationTypes(workflowClasses.toArray(Class<?>[]::new));
        workers.add(worker);
      }
      ExecutorService pool = Executors.newFixedThreadPool(threads);
      try {
        List<Future<Outcome>> pending = new ArrayList<>(files.size());
        ThreadLocal<Worker> own = new ThreadLocal<>();
        AtomicInteger next = new AtomicInteger();
        for (Path file : files) {
          pending.add(
              pool.submit(
                  () -> {
                    if (own.get() == null) {
                      own.set(workers.get(next.getAndIncrement()));
                    }
                    return replayOne(own.get(), file, byType);
                  }));
        }
        for (Future<Outcome> f : pending) {
          outcomes.add(f.get());
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while replaying", e);
      } catch (ExecutionException e) {
        throw new IllegalStateException("replay failed unexpectedly", e.getCause());
      } finally {
        pool.shutdownNow();
      }
    }
    int replayed = 0;
    List<String> skipped = new ArrayList<>();
    List<ReplayFailure> failures = new ArrayList<>();
    for (Outcome o : outcomes) {
      if (o.failure != null) {
        failures.add(o.failure);
      } else if (o.skipped) {
        skipped.add(o.file.toString());
      } else {
        replayed++;
      }
    }
    return new ReplayReport(replayed, skipped, failures);
  }

  private Outcome replayOne(Worker worker, Path file, Map<String, Class<?>> byType) {
    WorkflowExecutionHistory history;
    try {
      history = read(file);
    } catch (IOException | RuntimeException unreadable) {
      return Outcome.failed(
          new ReplayFailure(file, null, null, "cannot be read: " + unreadable, null));
    }
    String type = workflowType(history);
    if (!byType.containsKey(type)) {
      if (ignoreUnknownTypes) {
        return new Outcome(file, true, null);
      }
      return Outcome.failed(
          new ReplayFailure(
              file,
              type,
              null,
              "workflow type '" + type + "' is implemented by none of " + byType.values(),
              null));
    }
    try {
      worker.replayWorkflowExecution(history);
      return new Outcome(file, false, null);
    } catch (Exception | Error diverged) {
      return Outcome.failed(
          new ReplayFailure(
              file, type, divergedAt(history, diverged), firstLine(diverged), diverged));
    }
  }

  /**
   * A history as {@code temporal workflow show --output json} writes it, read straight into its
   * protobuf (faster); the SDK's reader, which also knows older export formats, otherwise.
   */
  static WorkflowExecutionHistory read(Path file) throws IOException {
    String json = Files.readString(file);
    try {
      History.Builder history = History.newBuilder();
      JSON.merge(json, history);
      if (history.getEventsCount() > 0) {
        return new WorkflowExecutionHistory(history.build());
      }
    } catch (InvalidProtocolBufferException olderFormat) {
      // fall through
    }
    return WorkflowExecutionHistory.fromJson(json);
  }

  private record Outcome(Path file, boolean skipped, ReplayFailure failure) {
    static Outcome failed(ReplayFailure failure) {
      return new Outcome(failure.file(), false, failure);
    }
  }

  /** The workflow type each class implements, by the type name histories carry. */
  private Map<String, Class<?>> workflowTypes() {
    Map<String, Class<?>> byType = new LinkedHashMap<>();
    for (Class<?> c : workflowClasses) {
      for (POJOWorkflowMethodMetadata method :
          POJOWorkflowImplMetadata.newInstance(c).getWorkflowMethods()) {
        Class<?> other = byType.put(method.getName(), c);
        if (other != null && other != c) {
          throw new IllegalArgumentException(
              "workflow type '"
                  + method.getName()
                  + "' is implemented by both "
                  + other.getName()
                  + " and "
                  + c.getName()
                  + ": replay them in separate calls");
        }
      }
    }
    return byType;
  }

  private List<Path> historyFiles(Path folder) {
    return listFiles(folder, fileNamePattern);
  }

  private static List<Path> listFiles(Path folder, String pattern) {
    if (!Files.isDirectory(folder)) {
      throw new IllegalArgumentException("no folder of histories at " + folder.toAbsolutePath());
    }
    try (Stream<Path> walk = Files.walk(folder)) {
      return walk.filter(Files::isRegularFile)
          .filter(p -> p.getFileName().toString().matches(pattern))
          .sorted()
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static String workflowType(WorkflowExecutionHistory history) {
    HistoryEvent first = history.getEvents().get(0);
    return first.getWorkflowExecutionStartedEventAttributes().getWorkflowType().getName();
  }

  /** The event replay stopped at, as the SDK's message names it, described from the history. */
  static String divergedAt(WorkflowExecutionHistory history, Throwable failure) {
    // The SDK wraps the NonDeterministicException (a query failure around a failure's text), so
    // its line is read from the whole trace, not only the cause chain.
    Matcher m = EVENT_ID.matcher(reason(failure));
    if (m.find()) {
      long id = Long.parseLong(m.group(1) != null ? m.group(1) : m.group(2));
      return describe(history, id);
    }
    return null;
  }

  static String describe(WorkflowExecutionHistory history, long eventId) {
    for (HistoryEvent e : history.getEvents()) {
      if (e.getEventId() == eventId) {
        return "event " + eventId + " " + HistoryEvents.describe(e);
      }
    }
    return "event " + eventId;
  }

  private static String firstLine(Throwable failure) {
    return reason(failure);
  }

  /** The line of the trace that names the nondeterminism, or else the failure's first line. */
  private static String reason(Throwable failure) {
    StringWriter trace = new StringWriter();
    failure.printStackTrace(new PrintWriter(trace));
    for (String line : trace.toString().split("\\R")) {
      int at = line.indexOf("NonDeterministicException");
      if (at >= 0) {
        return line.substring(line.lastIndexOf(' ', at) + 1).trim();
      }
    }
    String message = failure.getClass().getSimpleName() + ": " + failure.getMessage();
    int newline = message.indexOf('\n');
    return newline < 0 ? message : message.substring(0, newline);
  }
}
