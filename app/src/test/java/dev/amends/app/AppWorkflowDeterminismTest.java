package dev.amends.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import dev.amends.app.order.OrderWorkflowImpl;
import dev.amends.app.reconcile.DriftEscalationWorkflowImpl;
import dev.amends.app.reconcile.ReconcilerWorkflowImpl;
import dev.amends.app.story.StoryWorkflowImpl;
import dev.amends.testkit.determinism.WorkflowDeterminism;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * This application keeps its workflows beside their Spring adapters, so the determinism rules apply
 * to its workflow code: every workflow implementation and every class of amends (this application
 * and the saga core) that such code reaches.
 */
class AppWorkflowDeterminismTest {
  private static final Class<?>[] WORKFLOWS = {
    OrderWorkflowImpl.class,
    StoryWorkflowImpl.class,
    ReconcilerWorkflowImpl.class,
    DriftEscalationWorkflowImpl.class
  };

  @Test
  void theRulesSeeEveryWorkflowAndWhatItUses() {
    JavaClasses reached = WorkflowDeterminism.reachedFrom(Set.of("dev.amends"), WORKFLOWS);
    assertThat(reached.contain("dev.amends.app.order.OrderWorkflowImpl")).isTrue();
    assertThat(reached.contain("dev.amends.app.story.StoryWorkflowImpl")).isTrue();
    assertThat(reached.contain("dev.amends.app.story.EditTickets")).isTrue();
    assertThat(reached.contain("dev.amends.app.reconcile.ReconcilerWorkflowImpl")).isTrue();
    assertThat(reached.contain("dev.amends.app.reconcile.DriftEscalationWorkflowImpl")).isTrue();
    assertThat(reached.contain("dev.amends.saga.EscalationDesk")).isTrue();
    assertThat(reached.contain("dev.amends.app.order.OrderController")).isFalse();
  }

  @Test
  void workflowCodeKeepsEveryRule() {
    WorkflowDeterminism.check(WORKFLOWS);
  }
}
