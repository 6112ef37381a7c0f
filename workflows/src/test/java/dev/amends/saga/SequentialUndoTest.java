package dev.amends.saga;

import static org.assertj.core.api.Assertions.assertThat;

import io.temporal.api.enums.v1.IndexedValueType;
import io.temporal.client.WorkflowOptions;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.testing.TestWorkflowExtension;
import io.temporal.worker.Worker;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class SequentialUndoTest {
  @RegisterExtension
  static final TestWorkflowExtension testWorkflow =
      TestWorkflowExtension.newBuilder()
          .registerWorkflowImplementationTypes(ProbeWorkflow.Impl.class)
          .registerSearchAttribute("SagaStatus", IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD)
          .setDoNotStart(true)
          .build();

  @Test
  void givenASequentialDefinition_undosRunOneAtATimeNewestFirst(
      TestWorkflowEnvironment env, Worker worker) {
    ProbeWorkflow.RecordingSteps steps = new ProbeWorkflow.RecordingSteps();
    worker.registerActivitiesImplementations(steps, new RecordingEscalationActivities());
    env.start();

    String result =
        env.getWorkflowClient()
            .newWorkflowStub(
                ProbeWorkflow.class,
                WorkflowOptions.newBuilder().setTaskQueue(worker.getTaskQueue()).build())
            .run("c");

    assertThat(result).isEqualTo("compensated");
    assertThat(steps.calls)
        .containsExactly("act:a", "act:b", "act:!c", "undo:c", "undo:b", "undo:a");
  }
}
