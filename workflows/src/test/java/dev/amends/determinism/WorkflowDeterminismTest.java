package dev.amends.determinism;

import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class WorkflowDeterminismTest {
  private static final JavaClasses WORKFLOWS_MODULE =
      new ClassFileImporter()
          .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
          .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_JARS)
          .importPackages("dev.amends");

  static List<ArchRule> rules() {
    return List.of(
        WorkflowDeterminismRules.NO_SPRING_OR_JDBC,
        WorkflowDeterminismRules.NO_WALL_CLOCK,
        WorkflowDeterminismRules.NO_RANDOMNESS,
        WorkflowDeterminismRules.NO_THREADS,
        WorkflowDeterminismRules.NO_MUTABLE_STATICS);
  }

  @Test
  void theRulesSeeTheWholeModule() {
    assertThat(WORKFLOWS_MODULE.contain("dev.amends.saga.AmendsSaga")).isTrue();
    assertThat(WORKFLOWS_MODULE.contain("dev.amends.order.OrderWorkflowImpl")).isTrue();
    assertThat(WORKFLOWS_MODULE.contain("dev.amends.story.StoryWorkflowImpl")).isTrue();
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
}
