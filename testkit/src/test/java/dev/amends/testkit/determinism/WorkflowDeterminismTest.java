package dev.amends.testkit.determinism;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import dev.amends.saga.ProbeWorkflow;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The rules hold for the saga core, each catches an offender, and check() follows references. */
class WorkflowDeterminismTest {
  /** The saga core (amends-workflows), all of whose code runs inside workflows. */
  private static final JavaClasses WORKFLOWS_MODULE =
      new ClassFileImporter()
          .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
          .withImportOption(location -> !location.contains("-tests.jar"))
          .importPackages("dev.amends.saga");

  static List<ArchRule> rules() {
    return WorkflowDeterminismRules.ALL;
  }

  @Test
  void theRulesSeeTheWholeModule() {
    assertThat(WORKFLOWS_MODULE.contain("dev.amends.saga.AmendsSaga")).isTrue();
    assertThat(WORKFLOWS_MODULE.contain("dev.amends.saga.EscalationDesk")).isTrue();
  }

  @ParameterizedTest
  @MethodSource("rules")
  void workflowCodeKeepsTheRule(ArchRule rule) {
    rule.check(WORKFLOWS_MODULE);
  }

  @ParameterizedTest
  @MethodSource("rules")
  void eachRuleCatchesCodeThatBreaksIt(ArchRule rule) {
    JavaClasses offender = new ClassFileImporter().importClasses(NonDeterministicWorkflow.class);
    assertThat(rule.evaluate(offender).hasViolation())
        .as("%s catches the offender", rule.getDescription())
        .isTrue();
  }

  @Test
  void checkFollowsWhatAWorkflowReachesAndNamesTheRuleBroken() {
    WorkflowDeterminism.check(ProbeWorkflow.Impl.class);
    JavaClasses reached =
        WorkflowDeterminism.reachedFrom(java.util.Set.of("dev.amends"), ReachesAnOffender.class);
    assertThat(reached.contain(NonDeterministicWorkflow.ReadsAClock.class.getName())).isTrue();
    assertThat(reached.contain("dev.amends.saga.AmendsSaga")).isFalse();
    assertThatThrownBy(() -> WorkflowDeterminism.check(ReachesAnOffender.class))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("reads no wall clock")
        .hasMessageContaining("ReadsAClock");
  }

  /** Deterministic itself, but it calls code that is not. */
  static class ReachesAnOffender {
    Object run() {
      return new NonDeterministicWorkflow.ReadsAClock().run();
    }
  }

  @ParameterizedTest
  @ValueSource(
      classes = {
        NonDeterministicWorkflow.ReadsTheDate.class,
        NonDeterministicWorkflow.ReadsAClock.class,
        NonDeterministicWorkflow.TakesALock.class,
        NonDeterministicWorkflow.CountsAtomically.class
      })
  void theRulesCatchTheDateAClockALockAndAnAtomic(Class<?> offender) {
    JavaClasses classes = new ClassFileImporter().importClasses(offender);
    assertThat(
            WorkflowDeterminismRules.ALL.stream().anyMatch(r -> r.evaluate(classes).hasViolation()))
        .as("some rule catches %s", offender.getSimpleName())
        .isTrue();
  }
}
