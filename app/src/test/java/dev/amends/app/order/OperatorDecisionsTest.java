package dev.amends.app.order;

import static dev.amends.testkit.SagaOutcomeAssert.assertThatSaga;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ByteString;
import dev.amends.saga.AmendsSaga;
import dev.amends.saga.Escalation;
import dev.amends.saga.OperatorAction;
import dev.amends.saga.SagaSettings;
import dev.amends.saga.SagaState;
import dev.amends.saga.SagaStatus;
import dev.amends.saga.SignalPayloads;
import dev.amends.saga.StepState;
import dev.amends.saga.StepStatus;
import dev.amends.saga.WriteOffReview;
import dev.amends.testkit.EscalationDriver;
import dev.amends.testkit.InMemoryEscalations;
import dev.amends.testkit.SagaTestEnvironment;
import io.temporal.api.common.v1.Payload;
import io.temporal.api.sdk.v1.WorkflowMetadata;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowStub;
import io.temporal.common.converter.RawValue;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The operator path people can trust, in workflow code: four eyes on a write-off, bounds on what a
 * decision may carry, rejected decisions kept bounded, payloads that are not JSON, and a decision
 * whose recording fails for a while.
 */
class OperatorDecisionsTest {
  private final InMemoryOrderActivities activities = new InMemoryOrderActivities();
  private final FlakyEscalationActivities escalations = new FlakyEscalationActivities();
  private SagaTestEnvironment env;
  private EscalationDriver driver;
  private WorkflowClient client;

  @BeforeEach
  void start() {
    env =
        SagaTestEnvironment.builder()
            .workflows(OrderWorkflowImpl.class)
            .activities(activities)
            .escalations(escalations)
            .start();
    driver = env.driver().waitingAtMost(Duration.ofSeconds(30));
    client = env.client();
  }

  @AfterEach
  void stop() {
    env.close();
  }

  @Test
  void givenAWriteOffOfACharge_itWaitsForASecondPerson_whoApprovesIt() {
    OrderWorkflow order = refundFailsForGood("fe-1", OrderFixtures.FAST);
    String opened = currentDetails("fe-1");
    assertThat(opened)
        .contains("`chargeCard-1`", "`chargeCard`", "RML-3", "docs/runbooks/refund-charge.md")
        .contains("resolveEscalation", "\"escalationId\": \"chargeCard-1\"", "RETRY")
        .doesNotContain("ana@example.com", "tok_visa", "1 Main St");

    decide(order, decision("chargeCard-1", "ACCEPT_LOSS", "ana", "customer kept the goods"));
    SagaState waiting = awaitStatus("fe-1", SagaStatus.AWAITING_APPROVAL);
    assertThat(currentDetails("fe-1"))
        .contains("requested by ana awaits approval", "\"action\": \"APPROVE\"", "REJECT")
        .doesNotContain("customer kept the goods");

    assertThat(sagaStatusAttribute("fe-1")).isEqualTo("AWAITING_APPROVAL");
    Escalation escalation = waiting.openEscalations().get(0);
    assertThat(escalation.pendingWriteOff().requestedBy()).isEqualTo("ana");
    assertThat(escalation.amountMinor()).isEqualTo(3000L);
    for (int i = 0; i < 100 && escalations.writeOffs.isEmpty(); i++) {
      sleep();
    }
    assertThat(escalations.writeOffs)
        .singleElement()
        .satisfies(e -> assertThat(e.awaitsApproval()).isTrue());
    assertThat(escalations.closed).as("a request settles nothing").isEmpty();

    driver.approve(OrderWorkflow.workflowId("fe-1"), "chargeCard-1", "bo", "within policy");
    OrderResult result = WorkflowStub.fromTyped(order).getResult(OrderResult.class);

    assertThat(result.status()).isEqualTo(SagaStatus.COMPENSATED_WITH_OPERATOR);
    assertThatSaga(query("fe-1"))
        .isCompensatedWithOperator()
        .hasStepSettledBy(OrderWorkflowImpl.CHARGE, OperatorAction.ACCEPT_LOSS, "ana")
        .hasNoOpenEscalation();
    assertThat(currentDetails("fe-1")).as("cleared once decided").isEmpty();
    assertThat(stepStatus(query("fe-1"), OrderWorkflowImpl.CHARGE))
        .isEqualTo(StepStatus.LOSS_ACCEPTED);
    assertThat(escalations.closed)
        .singleElement()
        .satisfies(
            e -> {
              assertThat(e.decision().action()).isEqualTo(OperatorAction.ACCEPT_LOSS);
              assertThat(e.decision().operator()).isEqualTo("ana");
              assertThat(e.decision().note()).isEqualTo("customer kept the goods");
              assertThat(e.decision().approvedBy()).isEqualTo("bo");
              assertThat(e.writeOffs())
                  .singleElement()
                  .satisfies(
                      w -> {
                        assertThat(w.review()).isEqualTo(WriteOffReview.APPROVE);
                        assertThat(w.reviewNote()).isEqualTo("within policy");
                      });
            });
  }

  @Test
  void givenAnApproverRejectsTheWriteOff_theEscalationWaitsAgain_forAnotherDecision() {
    OrderWorkflow order = refundFailsForGood("fe-2", OrderFixtures.FAST);

    decide(order, decision("chargeCard-1", "ACCEPT_LOSS", "ana", "customer kept the goods"));
    awaitStatus("fe-2", SagaStatus.AWAITING_APPROVAL);
    driver.reject(OrderWorkflow.workflowId("fe-2"), "chargeCard-1", "bo", "refund by hand instead");
    SagaState again = awaitStatus("fe-2", SagaStatus.NEEDS_OPERATOR);
    assertThat(currentDetails("fe-2"))
        .contains("rejected by bo", "decide again", "docs/runbooks/refund-charge.md")
        .doesNotContain("awaits approval");

    Escalation escalation = again.openEscalations().get(0);
    assertThat(escalation.awaitsApproval()).isFalse();
    assertThat(escalation.writeOffs())
        .singleElement()
        .satisfies(
            w -> {
              assertThat(w.review()).isEqualTo(WriteOffReview.REJECT);
              assertThat(w.reviewedBy()).isEqualTo("bo");
            });
    // The status is published before the rejection is recorded: wait for the record.
    for (int i = 0; i < 100 && escalations.writeOffs.size() < 2; i++) {
      sleep();
    }
    assertThat(escalations.writeOffs).hasSize(2);
    assertThat(escalations.writeOffs.get(1).awaitsApproval()).isFalse();
    assertThat(sagaStatusAttribute("fe-2")).isEqualTo("NEEDS_OPERATOR");

    driver.decide(
        OrderWorkflow.workflowId("fe-2"),
        "chargeCard-1",
        OperatorAction.RESOLVED_MANUALLY,
        "ana",
        "refunded by bank transfer");
    assertThat(WorkflowStub.fromTyped(order).getResult(OrderResult.class).status())
        .isEqualTo(SagaStatus.COMPENSATED_WITH_OPERATOR);
    assertThat(escalations.closed.get(0).decision().action())
        .isEqualTo(OperatorAction.RESOLVED_MANUALLY);
  }

  @Test
  void givenTheRequesterApprovesTheirOwnWriteOff_itIsRejected_andTheRequestStillWaits() {
    OrderWorkflow order = refundFailsForGood("fe-3", OrderFixtures.FAST);

    decide(order, decision("chargeCard-1", "ACCEPT_LOSS", "ana", "customer kept the goods"));
    awaitStatus("fe-3", SagaStatus.AWAITING_APPROVAL);
    decide(order, decision("chargeCard-1", "APPROVE", "ANA", null));
    decide(order, decision("chargeCard-1", "RETRY", "bo", null));
    SagaState state = awaitRejections("fe-3", 2);

    assertThat(state.rejectedDecisions())
        .extracting(r -> r.reason())
        .satisfiesExactly(
            r -> assertThat(r).contains("ANA requested this write-off and cannot approve it"),
            r -> assertThat(r).contains("awaits approval"));
    assertThat(state.status()).isEqualTo(SagaStatus.AWAITING_APPROVAL);
    assertThat(escalations.closed).isEmpty();

    decide(order, decision("chargeCard-1", "APPROVE", "bo", null));
    assertThat(WorkflowStub.fromTyped(order).getResult(OrderResult.class).status())
        .isEqualTo(SagaStatus.COMPENSATED_WITH_OPERATOR);
  }

  @Test
  void givenNobodyAnswersAWriteOffRequest_itRealertsLikeAnyEscalation() {
    OrderWorkflow order = refundFailsForGood("fe-4", OrderFixtures.FAST);
    decide(order, decision("chargeCard-1", "ACCEPT_LOSS", "ana", "customer kept the goods"));
    awaitStatus("fe-4", SagaStatus.AWAITING_APPROVAL);

    env.sleep(Duration.ofMinutes(25));

    assertThat(escalations.realerted)
        .hasSize(2)
        .allSatisfy(e -> assertThat(e.awaitsApproval()).isTrue());
    assertThat(query("fe-4").status()).isEqualTo(SagaStatus.AWAITING_APPROVAL);
    decide(order, decision("chargeCard-1", "APPROVE", "bo", null));
    WorkflowStub.fromTyped(order).getResult(OrderResult.class);
  }

  @Test
  void givenAWriteOffBelowTheThreshold_onePersonSettlesIt() {
    SagaSettings settings = new SagaSettings(Duration.ofMinutes(10), 3, 5_000L, null);
    OrderWorkflow order = refundFailsForGood("fe-5", settings);

    decide(order, decision("chargeCard-1", "ACCEPT_LOSS", "ana", "small amount"));

    assertThat(WorkflowStub.fromTyped(order).getResult(OrderResult.class).status())
        .isEqualTo(SagaStatus.COMPENSATED_WITH_OPERATOR);
    assertThat(escalations.writeOffs).isEmpty();
    assertThat(escalations.closed.get(0).decision().approvedBy()).isNull();
  }

  @Test
  void givenDecisionsOutOfBounds_eachIsRejected_andTheSagaGoesOnWaiting() {
    OrderWorkflow order = refundFailsForGood("fe-6", OrderFixtures.FAST);

    decide(order, decision("chargeCard-1", "RETRY", "a".repeat(101), null));
    decide(order, decision("chargeCard-1", "RESOLVED_MANUALLY", "ana", "done\u0000"));
    decide(order, decision("chargeCard-1", "RESOLVED_MANUALLY", "ana", "n".repeat(2001)));
    decide(order, decision("chargeCard-1", "RETRY", "ana\u0007", null));
    decide(order, decision("x".repeat(129), "RETRY", "ana", null));
    decide(order, decision("chargeCard 1", "RETRY", "ana", null));
    SagaState state = awaitRejections("fe-6", 6);

    assertThat(state.rejectedDecisions())
        .extracting(r -> r.reason())
        .satisfiesExactly(
            r -> assertThat(r).contains("operator is longer than 100"),
            r -> assertThat(r).contains("note contains a control character (U+0000)"),
            r -> assertThat(r).contains("note is longer than 2000"),
            r -> assertThat(r).contains("operator contains a control character (U+0007)"),
            r -> assertThat(r).contains("escalationId is longer than 128"),
            r -> assertThat(r).contains("escalationId may hold only"));
    assertThat(state.rejectedDecisions())
        .allSatisfy(r -> assertThat(r.received()).hasSizeLessThan(210));
    assertThat(state.status()).isEqualTo(SagaStatus.NEEDS_OPERATOR);

    String longest = "é".repeat(100);
    decide(order, decision("chargeCard-1", "RESOLVED_MANUALLY", longest, "n".repeat(2000)));
    assertThat(WorkflowStub.fromTyped(order).getResult(OrderResult.class).status())
        .isEqualTo(SagaStatus.COMPENSATED_WITH_OPERATOR);
    assertThat(escalations.closed.get(0).decision().operator()).isEqualTo(longest);
  }

  @Test
  void givenAFloodOfBadSignals_itKeepsTheNewestTwentyAndCountsThemAll() {
    OrderWorkflow order = refundFailsForGood("fe-7", OrderFixtures.FAST);

    for (int i = 0; i < 30; i++) {
      decide(order, "junk " + i);
    }
    SagaState state = awaitRejections("fe-7", 20);
    for (int i = 0; i < 100 && query("fe-7").rejectedDecisionCount() < 30; i++) {
      env.sleep(Duration.ofMillis(50));
    }
    state = query("fe-7");

    assertThat(state.rejectedDecisionCount()).isEqualTo(30);
    assertThat(state.rejectedDecisions()).hasSize(SagaState.REJECTIONS_KEPT);
    assertThat(state.rejectedDecisions().get(0).received()).isEqualTo("junk 10");
    assertThat(state.rejectedDecisions().get(19).received()).isEqualTo("junk 29");
  }

  @Test
  void givenASignalThatIsNotJson_itIsRecordedAsRejected() {
    OrderWorkflow order = refundFailsForGood("fe-8", OrderFixtures.FAST);
    Payload binary =
        Payload.newBuilder()
            .putMetadata("encoding", ByteString.copyFromUtf8("binary/plain"))
            .setData(ByteString.copyFromUtf8("RETRY please"))
            .build();

    order.resolveEscalation(new RawValue(binary));
    SagaState state = awaitRejections("fe-8", 1);

    assertThat(state.rejectedDecisions())
        .singleElement()
        .satisfies(
            r -> {
              assertThat(r.reason()).contains("'binary/plain'").contains("cannot be read as JSON");
              assertThat(r.received()).contains("12 bytes");
            });
    assertThat(state.status()).isEqualTo(SagaStatus.NEEDS_OPERATOR);
  }

  @Test
  void givenTheStoreIsDownWhenADecisionIsRecorded_itShowsTheDelayAlertsAndRecordsItOnceBack()
      throws Exception {
    SagaSettings settings = new SagaSettings(Duration.ofMinutes(30), 3, 0L, Duration.ofSeconds(3));
    OrderWorkflow order = refundFailsForGood("fe-9", settings);
    escalations.storeDown = true;

    decide(order, decision("chargeCard-1", "RESOLVED_MANUALLY", "ana", "refunded by hand"));
    SagaState delayed = null;
    for (int i = 0; i < 600; i++) {
      delayed = query("fe-9");
      if (delayed.escalations().get(0).recordingDelayed()) {
        break;
      }
      Thread.sleep(100);
    }
    Escalation escalation = delayed.escalations().get(0);
    assertThat(escalation.recordingDelayed()).isTrue();
    assertThat(escalation.recorded()).isFalse();
    assertThat(escalation.decision().operator()).isEqualTo("ana");
    assertThat(escalations.realerted)
        .singleElement()
        .satisfies(e -> assertThat(e.recordingDelayed()).isTrue());

    decide(order, decision("chargeCard-1", "RETRY", "bo", null));
    SagaState refused = awaitRejections("fe-9", 1);
    assertThat(refused.rejectedDecisions().get(0).reason())
        .contains("has a decision being recorded (RESOLVED_MANUALLY by ana)");

    escalations.storeDown = false;
    assertThat(WorkflowStub.fromTyped(order).getResult(OrderResult.class).status())
        .isEqualTo(SagaStatus.COMPENSATED_WITH_OPERATOR);
    assertThat(escalations.closed).singleElement();
    assertThat(query("fe-9").escalations().get(0).recorded()).isTrue();
  }

  // --- helpers ------------------------------------------------------------------------------

  private OrderWorkflow refundFailsForGood(String orderId, SagaSettings settings) {
    activities.failStep(OrderWorkflowImpl.SHIP).failUndo("refundCharge");
    OrderWorkflow order = env.newWorkflow(OrderWorkflow.class, OrderWorkflow.workflowId(orderId));
    WorkflowClient.start(order::fulfil, new OrderSagaInput(OrderFixtures.order(orderId), settings));
    awaitStatus(orderId, SagaStatus.NEEDS_OPERATOR);
    return order;
  }

  private static void decide(OrderWorkflow order, Object decision) {
    order.resolveEscalation(SignalPayloads.of(decision));
  }

  private static Map<String, Object> decision(
      String escalationId, String action, String operator, String note) {
    return EscalationDriver.decision(escalationId, action, operator, note);
  }

  private SagaState query(String orderId) {
    return driver.state(OrderWorkflow.workflowId(orderId));
  }

  /** The markdown the Temporal UI shows for the saga, read with the SDK's metadata query. */
  private String currentDetails(String orderId) {
    return client
        .newUntypedWorkflowStub(OrderWorkflow.workflowId(orderId))
        .query(WorkflowClient.QUERY_TYPE_WORKFLOW_METADATA, WorkflowMetadata.class)
        .getCurrentDetails();
  }

  private String sagaStatusAttribute(String orderId) {
    return client
        .newUntypedWorkflowStub(OrderWorkflow.workflowId(orderId))
        .describe()
        .getTypedSearchAttributes()
        .get(AmendsSaga.SAGA_STATUS);
  }

  private static StepStatus stepStatus(SagaState state, String step) {
    return state.steps().stream()
        .filter(s -> s.name().equals(step))
        .findFirst()
        .map(StepState::status)
        .orElseThrow();
  }

  private SagaState awaitStatus(String orderId, SagaStatus status) {
    return driver.awaitStatus(OrderWorkflow.workflowId(orderId), status);
  }

  private SagaState awaitRejections(String orderId, int count) {
    return driver.awaitRejections(OrderWorkflow.workflowId(orderId), count);
  }

  private static void sleep() {
    try {
      Thread.sleep(50);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }

  /** Escalation activities whose store can be down when a decision is recorded. */
  static final class FlakyEscalationActivities extends InMemoryEscalations {
    volatile boolean storeDown;

    @Override
    public void close(Escalation escalation) {
      if (storeDown) {
        throw new IllegalStateException("connection refused");
      }
      super.close(escalation);
    }
  }
}
