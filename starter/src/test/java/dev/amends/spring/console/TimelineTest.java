package dev.amends.spring.console;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ByteString;
import com.google.protobuf.Timestamp;
import dev.amends.saga.SagaState;
import dev.amends.saga.SagaStatus;
import dev.amends.saga.StepState;
import dev.amends.saga.StepStatus;
import dev.amends.saga.World;
import io.temporal.api.common.v1.ActivityType;
import io.temporal.api.common.v1.Payload;
import io.temporal.api.common.v1.Payloads;
import io.temporal.api.failure.v1.Failure;
import io.temporal.api.history.v1.ActivityTaskCompletedEventAttributes;
import io.temporal.api.history.v1.ActivityTaskFailedEventAttributes;
import io.temporal.api.history.v1.ActivityTaskScheduledEventAttributes;
import io.temporal.api.history.v1.ActivityTaskStartedEventAttributes;
import io.temporal.api.history.v1.HistoryEvent;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class TimelineTest {
  private final List<HistoryEvent> events = new ArrayList<>();

  @Test
  void givenAnUndoRetriedByAnOperator_bothRunsLandOnThatUndo_byItsIdempotencyKey() {
    activity("PriceAndValidate", "{\"orderId\":\"1\"}", 1, null);
    activity("ChargeCard", "{\"orderId\":\"1\",\"key\":\"order-1/chargeCard/do\"}", 2, null);
    activity("RecordEscalation", "{\"sagaId\":\"order-1\"}", 1, null);
    // An undo's input carries its step's do key too: the undo key decides.
    String undoInput =
        "{\"doKey\":\"order-1/chargeCard/do\",\"undoKey\":\"order-1/chargeCard/undo\"}";
    activity("RefundCharge", undoInput, 3, "card declined");
    activity("RefundCharge", undoInput, 1, null);

    SagaState state =
        state(
            new StepState(
                "priceAndValidate",
                World.CLOSED,
                StepStatus.DONE,
                "order-1/priceAndValidate",
                null,
                null),
            new StepState(
                "chargeCard",
                World.HISTORY,
                StepStatus.UNDONE,
                "order-1/chargeCard/do",
                "order-1/chargeCard/undo",
                null));
    Timeline timeline =
        Timeline.of(
            state, Timeline.activities(events, Failure::getMessage, TimelineTest::plainInput));

    assertThat(timeline.entries())
        .extracting(e -> e.phase() + " " + e.step() + " " + e.runs() + " " + e.attempts())
        .containsExactly("do priceAndValidate 1 1", "do chargeCard 1 2", "undo chargeCard 2 4");
    Timeline.Entry undo = timeline.entries().get(2);
    assertThat(undo.outcome()).isEqualTo("completed");
    assertThat(undo.started()).isEqualTo("2023-11-14T22:13:30Z");
    assertThat(timeline.unmatched())
        .extracting(Timeline.Activity::type)
        .containsExactly("RecordEscalation");
  }

  @Test
  void givenAKeyThatPrefixesAnother_onlyTheWholeKeyMatches() {
    activity("CreateShipment", "{\"key\":\"order-1/ship/do-again\"}", 1, null);
    SagaState state =
        state(new StepState("ship", World.DIALOG, StepStatus.DONE, "order-1/ship/do", "u", null));

    Timeline timeline =
        Timeline.of(
            state, Timeline.activities(events, Failure::getMessage, TimelineTest::plainInput));

    assertThat(timeline.entries().get(0).ran()).isFalse();
    assertThat(timeline.unmatched()).hasSize(1);
  }

  private void activity(String type, String json, int attempts, String failure) {
    long scheduled = events.size() + 1L;
    events.add(
        event(scheduled)
            .setActivityTaskScheduledEventAttributes(
                ActivityTaskScheduledEventAttributes.newBuilder()
                    .setActivityType(ActivityType.newBuilder().setName(type))
                    .setActivityId(String.valueOf(scheduled))
                    .setInput(
                        Payloads.newBuilder()
                            .addPayloads(
                                Payload.newBuilder().setData(ByteString.copyFromUtf8(json)))))
            .build());
    events.add(
        event(events.size() + 1L)
            .setActivityTaskStartedEventAttributes(
                ActivityTaskStartedEventAttributes.newBuilder()
                    .setScheduledEventId(scheduled)
                    .setAttempt(attempts))
            .build());
    HistoryEvent.Builder closed = event(events.size() + 1L);
    if (failure == null) {
      closed.setActivityTaskCompletedEventAttributes(
          ActivityTaskCompletedEventAttributes.newBuilder().setScheduledEventId(scheduled));
    } else {
      closed.setActivityTaskFailedEventAttributes(
          ActivityTaskFailedEventAttributes.newBuilder()
              .setScheduledEventId(scheduled)
              .setFailure(Failure.newBuilder().setMessage(failure)));
    }
    events.add(closed.build());
  }

  /** The arguments as stored: these histories are not encrypted. */
  private static String plainInput(Payloads input) {
    StringBuilder text = new StringBuilder("[");
    input
        .getPayloadsList()
        .forEach(p -> text.append(text.length() > 1 ? "," : "").append(p.getData().toStringUtf8()));
    return text.append(']').toString();
  }

  private static HistoryEvent.Builder event(long id) {
    return HistoryEvent.newBuilder()
        .setEventId(id)
        .setEventTime(Timestamp.newBuilder().setSeconds(1_700_000_000L + id));
  }

  @Test
  void givenTheStepThatFailed_itsForwardEntrySaysFailed_withTheSagasFailure() {
    SagaState failed =
        new SagaState(
            "order-1",
            "order-fulfilment",
            SagaStatus.COMPENSATED,
            List.of(
                new StepState(
                    "createShipment", World.DIALOG, StepStatus.NOTHING_TO_UNDO, "d", "u", null)),
            List.of(),
            List.of(),
            0,
            "createShipment",
            "UNDELIVERABLE");

    Timeline timeline = Timeline.of(failed, List.of());

    assertThat(timeline.entries())
        .extracting(e -> e.phase() + " " + e.status() + " " + e.error())
        .containsExactly("do FAILED UNDELIVERABLE", "undo NOTHING_TO_UNDO null");
  }

  private static SagaState state(StepState... steps) {
    return new SagaState(
        "order-1",
        "order-fulfilment",
        SagaStatus.COMPENSATED,
        List.of(steps),
        List.of(),
        List.of(),
        0,
        null,
        null);
  }
}
