package dev.amends.app.order;

import static org.assertj.core.api.Assertions.assertThat;

import dev.amends.saga.StepSpec;
import dev.amends.saga.World;
import org.junit.jupiter.api.Test;

class OrderSagaDefinitionTest {

  @Test
  void theOrderFlowMeetsEveryWorldsMinimum() {
    assertThat(OrderWorkflowImpl.DEFINITION.violations()).isEmpty();
    assertThat(OrderWorkflowImpl.DEFINITION.steps())
        .extracting(StepSpec::world)
        .containsExactly(World.CLOSED, World.DIALOG, World.HISTORY, World.DIALOG, World.DIALOG);
  }
}
