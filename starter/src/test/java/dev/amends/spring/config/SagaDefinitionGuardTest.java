package dev.amends.spring.config;

import static org.assertj.core.api.Assertions.assertThat;

import dev.amends.saga.SagaDefinition;
import io.temporal.spring.boot.autoconfigure.properties.TemporalProperties;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

class SagaDefinitionGuardTest {

  /** A workflow whose history step has no correction and whose dialog step has no runbook. */
  public static class CarelessWorkflow {
    public static final SagaDefinition SAGA =
        SagaDefinition.named("careless")
            .step("charge")
            .history()
            .ledger("psp")
            .runbook("docs/runbooks/x.md")
            .step("reserve")
            .dialog()
            .undo("release")
            .build();
  }

  /** The same steps, each with what its world asks for. */
  public static class CarefulWorkflow {
    public static final SagaDefinition SAGA =
        SagaDefinition.named("careful")
            .step("charge")
            .history()
            .correction("refund")
            .ledger("psp")
            .runbook("docs/runbooks/x.md")
            .step("reserve")
            .dialog()
            .undo("release")
            .runbook("docs/runbooks/y.md")
            .build();
  }

  @Configuration
  @EnableConfigurationProperties(TemporalProperties.class)
  @Import(SagaDefinitionGuard.class)
  static class GuardOnly {}

  private final ApplicationContextRunner runner =
      new ApplicationContextRunner().withUserConfiguration(GuardOnly.class);

  @Test
  void givenAWorkflowWithAStepMissingItsWorldsMinimum_theApplicationRefusesToStart() {
    runner
        .withPropertyValues(
            "spring.temporal.workers[0].task-queue=q",
            "spring.temporal.workers[0].workflow-classes=" + CarelessWorkflow.class.getName())
        .run(
            context -> {
              assertThat(context).hasFailed();
              assertThat(context.getStartupFailure())
                  .rootCause()
                  .hasMessageContaining("saga 'careless' step 'charge' (RML-3) has no correction")
                  .hasMessageContaining("saga 'careless' step 'reserve' (RML-2) has no runbook");
            });
  }

  @Test
  void givenAWorkflowWhoseStepsMeetTheirWorldsMinimum_theApplicationStarts() {
    runner
        .withPropertyValues(
            "spring.temporal.workers[0].task-queue=q",
            "spring.temporal.workers[0].workflow-classes=" + CarefulWorkflow.class.getName())
        .run(context -> assertThat(context).hasNotFailed());
  }
}
