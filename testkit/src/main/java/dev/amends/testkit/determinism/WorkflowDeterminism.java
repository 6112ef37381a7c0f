package dev.amends.testkit.determinism;

import com.tngtech.archunit.ArchConfiguration;
import com.tngtech.archunit.core.domain.Dependency;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.EvaluationResult;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Checks workflow code against {@link WorkflowDeterminismRules}: the given workflow implementations
 * and every class they reach, directly or not, within the packages given (by default the first two
 * segments of each implementation's package, e.g. {@code dev.amends}, so a flow's own helpers and
 * amends' saga core are checked while the SDK and the JDK are not).
 *
 * <pre>
 * WorkflowDeterminism.check(OrderWorkflowImpl.class, StoryWorkflowImpl.class);
 * </pre>
 */
public final class WorkflowDeterminism {
  private WorkflowDeterminism() {}

  /** Throws naming every rule broken, and where, by the classes or what they reach. */
  public static void check(Class<?>... workflowImplementations) {
    check(reachedFrom(defaultPackages(workflowImplementations), workflowImplementations));
  }

  /** Applies every rule to {@code classes}; throws naming every rule broken, and where. */
  public static void check(JavaClasses classes) {
    List<String> broken = new ArrayList<>();
    for (ArchRule rule : WorkflowDeterminismRules.ALL) {
      EvaluationResult result = rule.allowEmptyShould(true).evaluate(classes);
      if (result.hasViolation()) {
        broken.add(result.getFailureReport().toString());
      }
    }
    if (!broken.isEmpty()) {
      throw new AssertionError("workflow code is not deterministic:\n" + String.join("\n", broken));
    }
  }

  /** The rules, one per kind of nondeterminism. */
  public static List<ArchRule> rules() {
    return WorkflowDeterminismRules.ALL;
  }

  /**
   * The workflow implementations and every class of {@code packages} they reach (by any dependency:
   * calls, fields, parameters, types they construct), with the classes themselves.
   */
  public static JavaClasses reachedFrom(Set<String> packages, Class<?>... workflowImplementations) {
    // The rules look at the reached classes and what they name; resolving every class those name
    // from the class path (the SDK, the JDK) only costs time.
    ArchConfiguration config = ArchConfiguration.get();
    boolean resolving = config.resolveMissingDependenciesFromClassPath();
    config.setResolveMissingDependenciesFromClassPath(false);
    try {
      return reached(packages, workflowImplementations);
    } finally {
      config.setResolveMissingDependenciesFromClassPath(resolving);
    }
  }

  private static JavaClasses reached(Set<String> packages, Class<?>... workflowImplementations) {
    ClassLoader loader = workflowImplementations[0].getClassLoader();
    ClassFileImporter importer = new ClassFileImporter();
    Set<String> reached = new TreeSet<>();
    List<Class<?>> classes = new ArrayList<>();
    Deque<Class<?>> todo = new ArrayDeque<>(List.of(workflowImplementations));
    while (!todo.isEmpty()) {
      Class<?> c = todo.pop();
      if (!reached.add(c.getName())) {
        continue;
      }
      classes.add(c);
      // One class at a time, by its own location: no scan of the class path.
      JavaClass imported = importer.importClass(c);
      for (Dependency d : imported.getDirectDependenciesFromSelf()) {
        JavaClass target = d.getTargetClass();
        while (target.isArray()) {
          target = target.getComponentType();
        }
        if (inAny(target.getPackageName(), packages) && !reached.contains(target.getName())) {
          todo.add(load(target.getName(), loader));
        }
      }
    }
    return importer.importClasses(classes);
  }

  private static Set<String> defaultPackages(Class<?>... workflowImplementations) {
    if (workflowImplementations.length == 0) {
      throw new IllegalArgumentException("name at least one workflow implementation");
    }
    Set<String> packages = new LinkedHashSet<>();
    for (Class<?> c : workflowImplementations) {
      String[] segments = c.getPackageName().split("\\.");
      packages.add(String.join(".", Arrays.copyOf(segments, Math.min(2, segments.length))));
    }
    return packages;
  }

  private static boolean inAny(String pkg, Set<String> packages) {
    return packages.stream().anyMatch(p -> pkg.equals(p) || pkg.startsWith(p + "."));
  }

  private static Class<?> load(String name, ClassLoader loader) {
    try {
      return Class.forName(name, false, loader);
    } catch (ClassNotFoundException e) {
      throw new IllegalStateException("cannot load " + name, e);
    }
  }
}
