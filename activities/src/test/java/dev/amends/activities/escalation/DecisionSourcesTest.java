package dev.amends.activities.escalation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.amends.saga.Escalation;
import dev.amends.saga.OperatorAction;
import dev.amends.saga.OperatorDecision;
import dev.amends.saga.World;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.common.converter.RawValue;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.worker.Worker;
import io.temporal.workflow.SignalMethod;
import io.temporal.workflow.Workflow;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Who sent a decision, read back from the saga's history as Temporal recorded it. */
class DecisionSourcesTest {
  private TestWorkflowEnvironment env;
  private WorkflowClient client;

  @WorkflowInterface
  public interface Waiting {
    @WorkflowMethod
    void waitForDecisions();

    @SignalMethod
    void resolveEscalation(RawValue decision);
  }

  public static class WaitingImpl implements Waiting {
    @Override
    public void waitForDecisions() {
      Workflow.sleep(Duration.ofDays(1));
    }

    @Override
    public void resolveEscalation(RawValue decision) {}
  }

  @BeforeEach
  void start() {
    env = TestWorkflowEnvironment.newInstance();
    Worker worker = env.newWorker("sources");
    worker.registerWorkflowImplementationTypes(WaitingImpl.class);
    env.start();
    client = env.getWorkflowClient();
    WorkflowClient.start(
        client.newWorkflowStub(
                Waiting.class,
                WorkflowOptions.newBuilder()
                    .setTaskQueue("sources")
                    .setWorkflowId("order-S1")
                    .build())
            ::waitForDecisions);
  }

  @AfterEach
  void stop() {
    env.close();
  }

  private WorkflowClient as(String identity) {
    return WorkflowClient.newInstance(
        env.getWorkflowServiceStubs(),
        client.getOptions().toBuilder().setIdentity(identity).build());
  }

  private void signal(String identity, Map<String, Object> decision) {
    as(identity).newUntypedWorkflowStub("order-S1").signal("resolveEscalation", decision);
  }

  /** Signals that arrive during a workflow task enter the history when that task completes. */
  private void awaitSignals(int count) {
    for (int i = 0; i < 100; i++) {
      long seen =
          client.fetchHistory("order-S1").getEvents().stream()
              .filter(e -> e.hasWorkflowExecutionSignaledEventAttributes())
              .count();
      if (seen >= count) {
        return;
      }
      env.sleep(Duration.ofMillis(50));
    }
    throw new AssertionError("the signals never reached the history");
  }

  private static Escalation decided(OperatorDecision decision) {
    return Escalation.opened(
            "chargeCard-1",
            "order-S1",
            "order-fulfilment",
            "chargeCard",
            World.HISTORY,
            "refundCharge",
            "UNDO_BLOCKED",
            5,
            "docs/runbooks/refund-charge.md",
            0,
            900L,
            "EUR")
        .decided(decision);
  }

  @Test
  void givenADecisionSentThroughTheApi_itsChannelIsApi_andTheIdentityNamesThePrincipal() {
    signal(
        "amends-api:ana",
        Map.of("escalationId", "chargeCard-1", "action", "RETRY", "operator", "ana"));

    awaitSignals(1);
    DecisionSources.Sources sources =
        new DecisionSources(client)
            .of(
                decided(
                    new OperatorDecision("chargeCard-1", OperatorAction.RETRY, "ana", null, 1)));

    assertThat(sources.decision().channel()).isEqualTo("api");
    assertThat(sources.decision().identity()).isEqualTo("amends-api:ana");
    assertThat(sources.approval()).isNull();
  }

  @Test
  void givenAWriteOffRequestedInTheCliAndApprovedThroughTheApi_bothSourcesAreRecorded() {
    signal(
        "7@ops-laptop",
        Map.of(
            "escalationId",
            "chargeCard-1",
            "action",
            "ACCEPT_LOSS",
            "operator",
            "ana",
            "note",
            "kept the goods"));
    signal(
        "amends-api:bo",
        Map.of("escalationId", "chargeCard-1", "action", "APPROVE", "operator", "bo"));
    signal(
        "amends-api:eve",
        Map.of(
            "escalationId",
            "chargeCard-9",
            "action",
            "ACCEPT_LOSS",
            "operator",
            "ana",
            "note",
            "another escalation"));

    awaitSignals(3);
    DecisionSources.Sources sources =
        new DecisionSources(client)
            .of(
                decided(
                    new OperatorDecision(
                        "chargeCard-1",
                        OperatorAction.ACCEPT_LOSS,
                        "ana",
                        "kept the goods",
                        1,
                        "bo")));

    assertThat(sources.decision())
        .isEqualTo(new DecisionSources.Source("7@ops-laptop", "temporal-signal"));
    assertThat(sources.approval()).isEqualTo(new DecisionSources.Source("amends-api:bo", "api"));
  }
}
