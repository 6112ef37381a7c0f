package dev.amends.testkit.replay;

import dev.amends.testkit.history.HistoryEvents;
import io.temporal.api.history.v1.HistoryEvent;
import io.temporal.client.WorkflowClientOptions;
import io.temporal.common.WorkflowExecutionHistory;
import io.temporal.common.converter.DataConverter;
import io.temporal.common.metadata.POJOWorkflowImplMetadata;
import io.temporal.common.metadata.POJOWorkflowMethodMetadata;
import io.temporal.testing.TestEnvironmentOptions;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.worker.Worker;
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
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Replays every recorded history in a folder (and its subfolders: every {@code *.json}, as {@code
 * temporal workflow show --output json} writes it) against today's workflow classes, through one
 * shared replay worker. Each history goes to the class that implements the workflow type named in
 * its first event. A failure names the history file and the event where replay diverged.
 *
 * <pre>
 * HistoryReplay.replayAll(Path.of("src/test/resources/histories"),
 *     OrderWorkflowImpl.class, StoryWorkflowImpl.class);
 * </pre>
 */
public final class HistoryReplay {
  private static final Pattern EVENT_ID =
      Pattern.compile("(?i)event\\s*id\\s*[=:]?\\s*(\\d+)|\\bevent (\\d+)\\b");
  private static final String REPLAY_QUEUE = "amends-replay";

  private final List<Class<?>> workflowClasses;
  private DataConverter dataConverter;
  private boolean ignoreUnknownTypes;
  private String fileNamePattern = ".*\\.json";

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
    List<ReplayFailure> failures = new ArrayList<>();
    List<String> skipped = new ArrayList<>();
    int replayed = 0;
    TestEnvironmentOptions.Builder options = TestEnvironmentOptions.newBuilder();
    if (dataConverter != null) {
      options.setWorkflowClientOptions(
          WorkflowClientOptions.newBuilder().setDataConverter(dataConverter).build());
    }
    try (TestWorkflowEnvironment env = TestWorkflowEnvironment.newInstance(options.build())) {
      Worker worker = env.newWorker(REPLAY_QUEUE);
      worker.registerWorkflowImplementationTypes(workflowClasses.toArray(Class<?>[]::new));
      for (Path file : files) {
        WorkflowExecutionHistory history;
        try {
          history = WorkflowExecutionHistory.fromJson(Files.readString(file));
        } catch (IOException | RuntimeException unreadable) {
          failures.add(new ReplayFailure(file, null, null, "cannot be read: " + unreadable, null));
          continue;
        }
        String type = workflowType(history);
        if (!byType.containsKey(type)) {
          if (ignoreUnknownTypes) {
            skipped.add(file.toString());
            continue;
          }
          failures.add(
              new ReplayFailure(
                  file,
                  type,
                  null,
                  "workflow type '" + type + "' is implemented by none of " + byType.values(),
                  null));
          continue;
        }
        try {
          worker.replayWorkflowExecution(history);
          replayed++;
        } catch (Exception | Error diverged) {
          failures.add(
              new ReplayFailure(
                  file, type, divergedAt(history, diverged), firstLine(diverged), diverged));
        }
      }
    }
    return new ReplayReport(replayed, skipped, failures);
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
