package dev.amends.app.replay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.amends.app.order.OrderWorkflowImpl;
import dev.amends.testkit.history.SagaProperties;
import io.temporal.api.enums.v1.EventType;
import io.temporal.api.history.v1.History;
import io.temporal.api.history.v1.HistoryEvent;
import io.temporal.common.WorkflowExecutionHistory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The saga properties over every recorded order history: steps ran in their declared order, only
 * started steps were undone, each at most once with effect, and every started step ended done,
 * undone, or settled by a recorded decision. Crafted histories that break each are caught.
 */
class OrderSagaPropertiesTest {
  private static final Path HISTORIES = Path.of("src/test/resources/histories");
  private static final SagaProperties ORDER = SagaProperties.of(OrderWorkflowImpl.DEFINITION);

  /** A saga that continued as new is recorded as one file per run: {@code <name>-run<n>.json}. */
  private static final Pattern RUN = Pattern.compile("(order-.*)-run(\\d+)\\.json");

  static Stream<Path> orderHistories() throws IOException {
    try (Stream<Path> files = Files.walk(HISTORIES)) {
      List<Path> found =
          files
              .filter(p -> p.getFileName().toString().matches("order-.*\\.json"))
              .filter(p -> !RUN.matcher(p.getFileName().toString()).matches())
              .sorted()
              .toList();
      assertThat(found).hasSizeGreaterThanOrEqualTo(40);
      return found.stream();
    }
  }

  /** The runs of each saga that continued as new, first to last. */
  static Stream<List<Path>> continuedOrderSagas() throws IOException {
    try (Stream<Path> files = Files.walk(HISTORIES)) {
      Map<Path, TreeMap<Integer, Path>> sagas = new TreeMap<>();
      files.forEach(
          p -> {
            Matcher m = RUN.matcher(p.getFileName().toString());
            if (m.matches()) {
              sagas
                  .computeIfAbsent(p.resolveSibling(m.group(1)), k -> new TreeMap<>())
                  .put(Integer.parseInt(m.group(2)), p);
            }
          });
      assertThat(sagas).hasSizeGreaterThanOrEqualTo(2);
      return sagas.values().stream().map(runs -> List.copyOf(runs.values()));
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("orderHistories")
  void everyRecordedOrderHistoryKeepsTheSagaProperties(Path history) {
    ORDER.assertHold(history);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("continuedOrderSagas")
  void everyOrderSagaThatContinuedAsNewKeepsTheSagaPropertiesOverItsRuns(List<Path> runs) {
    assertThat(runs).hasSizeGreaterThan(1);
    ORDER.assertHold(runs);
  }

  @Test
  void aContinuedSagaCheckedWithoutItsLastRunIsCaught() throws IOException {
    WorkflowExecutionHistory first =
        load("v3-long-wait/order-retried-after-continue-as-new-run1.json");

    assertThat(ORDER.violations(List.of(first)))
        .singleElement()
        .asString()
        .contains("'chargeCard'")
        .contains("neither undone nor settled");
    assertThat(
            ORDER.violations(
                List.of(first, load("v3-long-wait/order-retried-after-continue-as-new-run2.json"))))
        .isEmpty();
  }

  @Test
  void anUndoThatNeverEndedIsCaught() throws IOException {
    WorkflowExecutionHistory h = load("v1-parallel-undo/order-fails-confirmation.json");
    long refund = scheduledId(h, "RefundCharge");

    List<String> found = ORDER.violations(without(h, e -> completes(e, refund)));

    assertThat(found)
        .singleElement()
        .asString()
        .contains("'chargeCard'")
        .contains("neither undone nor settled by a recorded decision");
  }

  @Test
  void anUndoWithEffectTwiceIsCaught() throws IOException {
    WorkflowExecutionHistory h = load("v1-parallel-undo/order-fails-confirmation.json");
    long refund = scheduledId(h, "RefundCharge");
    HistoryEvent completed =
        h.getEvents().stream().filter(e -> completes(e, refund)).findFirst().orElseThrow();
    List<HistoryEvent> events = new ArrayList<>(h.getEvents());
    HistoryEvent last = events.remove(events.size() - 1);
    long next = last.getEventId();
    events.add(completed.toBuilder().setEventId(next).build());
    events.add(last.toBuilder().setEventId(next + 1).build());

    assertThat(ORDER.violations(history(events)))
        .singleElement()
        .asString()
        .contains("'chargeCard' was undone with effect a second time");
  }

  @Test
  void stepsOutOfTheirDeclaredOrderAreCaught() throws IOException {
    WorkflowExecutionHistory h = load("v1-parallel-undo/order-fails-reserve.json");
    List<HistoryEvent> events = new ArrayList<>();
    for (HistoryEvent e : h.getEvents()) {
      events.add(
          switch (activityType(e)) {
            case "PriceAndValidate" -> renamed(e, "ReserveStock");
            case "ReserveStock" -> renamed(e, "PriceAndValidate");
            default -> e;
          });
    }

    assertThat(ORDER.violations(history(events)))
        .anySatisfy(v -> assertThat(v).contains("'priceAndValidate' began after 'reserveStock'"));
    assertThatThrownBy(() -> ORDER.assertHold(history(events)))
        .hasMessageContaining("breaks the saga properties");
  }

  @Test
  void anUndoThatTookEffectForAStepNeverStartedIsCaught() throws IOException {
    WorkflowExecutionHistory h = load("v1-parallel-undo/order-fails-charge.json");
    List<HistoryEvent> events =
        h.getEvents().stream()
            .map(e -> activityType(e).equals("ReleaseStock") ? renamed(e, "CancelShipment") : e)
            .toList();

    assertThat(ORDER.violations(history(events)))
        .anySatisfy(
            v ->
                assertThat(v)
                    .contains("'cancelShipment' took effect")
                    .contains("'createShipment' never started"));
  }

  @Test
  void aSettlementWithoutTheOperatorsSignalIsCaught() throws IOException {
    WorkflowExecutionHistory h = load("v0-sequential-undo/order-cancel-blocked-resolved.json");

    List<String> found =
        ORDER.violations(
            without(h, e -> e.getEventType() == EventType.EVENT_TYPE_WORKFLOW_EXECUTION_SIGNALED));

    assertThat(found)
        .anySatisfy(v -> assertThat(v).contains("no resolveEscalation signal carried"))
        .anySatisfy(v -> assertThat(v).contains("'createShipment'").contains("neither undone"));
  }

  private static WorkflowExecutionHistory load(String file) throws IOException {
    return WorkflowExecutionHistory.fromJson(Files.readString(HISTORIES.resolve(file)));
  }

  private static WorkflowExecutionHistory without(
      WorkflowExecutionHistory h, java.util.function.Predicate<HistoryEvent> dropped) {
    return history(h.getEvents().stream().filter(dropped.negate()).toList());
  }

  private static WorkflowExecutionHistory history(List<HistoryEvent> events) {
    return new WorkflowExecutionHistory(History.newBuilder().addAllEvents(events).build());
  }

  private static long scheduledId(WorkflowExecutionHistory h, String activityType) {
    return h.getEvents().stream()
        .filter(e -> activityType(e).equals(activityType))
        .findFirst()
        .orElseThrow()
        .getEventId();
  }

  private static boolean completes(HistoryEvent e, long scheduledId) {
    return e.getEventType() == EventType.EVENT_TYPE_ACTIVITY_TASK_COMPLETED
        && e.getActivityTaskCompletedEventAttributes().getScheduledEventId() == scheduledId;
  }

  private static String activityType(HistoryEvent e) {
    return e.getEventType() == EventType.EVENT_TYPE_ACTIVITY_TASK_SCHEDULED
        ? e.getActivityTaskScheduledEventAttributes().getActivityType().getName()
        : "";
  }

  private static HistoryEvent renamed(HistoryEvent e, String activityType) {
    HistoryEvent.Builder b = e.toBuilder();
    b.getActivityTaskScheduledEventAttributesBuilder()
        .getActivityTypeBuilder()
        .setName(activityType);
    return b.build();
  }
}
