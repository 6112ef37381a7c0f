package dev.amends.saga;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class SagaDefinitionTest {

  @Test
  void aHistoryStepNeedsACorrectionALedgerEntryAndARunbook() {
    SagaDefinition bare = SagaDefinition.named("pay").step("charge").history().build();

    assertThat(bare.violations())
        .containsExactly(
            "saga 'pay' step 'charge' (RML-3) has no correction: history can only be corrected forward",
            "saga 'pay' step 'charge' (RML-3) has no effect-ledger entry for its effect and correction",
            "saga 'pay' step 'charge' (RML-3) has no runbook for when its correction fails");
  }

  @Test
  void aDialogStepNeedsAnUndoAndARunbook() {
    SagaDefinition bare = SagaDefinition.named("s").step("reserve").dialog().build();

    assertThat(bare.violations())
        .containsExactly(
            "saga 's' step 'reserve' (RML-2) has no undo: a dialog step needs a compensating call",
            "saga 's' step 'reserve' (RML-2) has no runbook for when its undo fails");
  }

  @Test
  void aClosedStepMayNotPretendToHaveAnUndo() {
    SagaDefinition odd = SagaDefinition.named("s").step("quote").closed().undo("unquote").build();

    assertThat(odd.violations()).singleElement().asString().contains("nothing to undo");
  }

  @Test
  void aStepWithoutAWorldIsRefused() {
    assertThat(SagaDefinition.named("s").step("x").build().violations())
        .singleElement()
        .asString()
        .contains("declares no world");
  }

  @Test
  void aStepDeclaredTwiceIsRefusedAtBuild() {
    assertThatThrownBy(
            () -> SagaDefinition.named("s").step("x").closed().step("x").closed().build())
        .isInstanceOf(InvalidSagaDefinitionException.class)
        .hasMessageContaining("declares step 'x' twice");
  }

  @Test
  void requireValidNamesEveryViolation() {
    SagaDefinition bad = SagaDefinition.named("s").step("a").dialog().step("b").history().build();

    assertThatThrownBy(bad::requireValid)
        .isInstanceOf(InvalidSagaDefinitionException.class)
        .hasMessageContaining("step 'a' (RML-2) has no undo")
        .hasMessageContaining("step 'b' (RML-3) has no correction");
  }

  @Test
  void stepsKeepTheirDeclaredOrder() {
    SagaDefinition d =
        SagaDefinition.named("s").step("z").closed().step("a").closed().step("m").closed().build();
    assertThat(d.steps()).extracting(StepSpec::name).containsExactly("z", "a", "m");
  }
}
