package dev.amends.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.Dependency;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import dev.amends.saga.determinism.WorkflowDeterminismRules;
import io.temporal.workflow.WorkflowInterface;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * This application keeps its workflows beside their Spring adapters, so the determinism rules apply
 * to its workflow code: every class implementing a workflow interface and every class of this
 * application that such code reaches.
 */
class AppWorkflowDeterminismTest {
  private static final JavaClasses APP =
      new ClassFileImporter()
          .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
          .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_JARS)
          .importPackages("dev.amends.app");

  private static final JavaClasses WORKFLOW_CODE = reachedFromWorkflows();

  static List<ArchRule> rules() {
    return WorkflowDeterminismRules.ALL;
  }

  @Test
  void theRulesSeeEveryWorkflowAndWhatItUses() {
    assertThat(WORKFLOW_CODE.contain("dev.amends.app.order.OrderWorkflowImpl")).isTrue();
    assertThat(WORKFLOW_CODE.contain("dev.amends.app.story.StoryWorkflowImpl")).isTrue();
    assertThat(WORKFLOW_CODE.contain("dev.amends.app.story.EditTickets")).isTrue();
    assertThat(WORKFLOW_CODE.contain("dev.amends.app.reconcile.ReconcilerWorkflowImpl")).isTrue();
    assertThat(WORKFLOW_CODE.contain("dev.amends.app.reconcile.DriftEscalationWorkflowImpl"))
        .isTrue();
    assertThat(WORKFLOW_CODE.contain("dev.amends.app.order.OrderController")).isFalse();
  }

  @ParameterizedTest
  @MethodSource("rules")
  void workflowCodeKeepsTheRule(ArchRule rule) {
    rule.check(WORKFLOW_CODE);
  }

  private static JavaClasses reachedFromWorkflows() {
    Set<String> reached = new TreeSet<>();
    Deque<JavaClass> todo = new ArrayDeque<>();
    for (JavaClass c : APP) {
      boolean implementsWorkflow =
          c.getAllRawInterfaces().stream()
              .anyMatch(i -> i.isAnnotatedWith(WorkflowInterface.class));
      if (implementsWorkflow && !c.isInterface()) {
        todo.add(c);
      }
    }
    while (!todo.isEmpty()) {
      JavaClass c = todo.pop();
      if (!reached.add(c.getName())) {
        continue;
      }
      for (Dependency d : c.getDirectDependenciesFromSelf()) {
        JavaClass target = d.getTargetClass();
        if (target.getPackageName().startsWith("dev.amends.app") && APP.contain(target.getName())) {
          todo.add(APP.get(target.getName()));
        }
      }
    }
    return new ClassFileImporter()
        .importClasses(reached.stream().map(AppWorkflowDeterminismTest::load).toList());
  }

  private static Class<?> load(String name) {
    try {
      return Class.forName(name);
    } catch (ClassNotFoundException e) {
      throw new IllegalStateException(e);
    }
  }
}
