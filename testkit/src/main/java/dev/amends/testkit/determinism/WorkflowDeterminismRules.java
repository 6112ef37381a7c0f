package dev.amends.testkit.determinism;

import static com.tngtech.archunit.core.domain.JavaCall.Predicates.target;
import static com.tngtech.archunit.core.domain.properties.HasName.Predicates.name;
import static com.tngtech.archunit.core.domain.properties.HasOwner.Predicates.With.owner;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.fields;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.methods;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.lang.ArchRule;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Date;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/**
 * What workflow code may not touch: replay must take the same path every time, so the clock,
 * randomness, threads, I/O frameworks and mutable statics go through {@code Workflow.*} or not at
 * all. {@link WorkflowDeterminism#check} applies them to workflow classes and all they reach.
 */
public final class WorkflowDeterminismRules {
  private WorkflowDeterminismRules() {}

  public static final ArchRule NO_SPRING_OR_JDBC =
      noClasses()
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage(
              "org.springframework..",
              "java.sql..",
              "javax.sql..",
              "jakarta.persistence..",
              "java.net.http..",
              "java.nio.file..")
          .as("workflow code reaches no Spring, JDBC or I/O");

  public static final ArchRule NO_WALL_CLOCK =
      noClasses()
          .should()
          .callMethodWhere(target(name("now")).and(target(owner(resideIn("java.time")))))
          .orShould()
          .callMethod(System.class, "currentTimeMillis")
          .orShould()
          .callMethod(System.class, "nanoTime")
          .orShould()
          .callConstructor(Date.class)
          .orShould()
          .callConstructor(Date.class, long.class)
          .orShould()
          .dependOnClassesThat()
          .areAssignableTo(Clock.class)
          .as("workflow code reads no wall clock (use Workflow.currentTimeMillis)");

  public static final ArchRule NO_ENVIRONMENT =
      noClasses()
          .should()
          .callMethod(System.class, "getenv")
          .orShould()
          .callMethod(System.class, "getenv", String.class)
          .orShould()
          .callMethod(System.class, "getProperty", String.class)
          .orShould()
          .callMethod(System.class, "getProperty", String.class, String.class)
          .as("workflow code reads no environment or system property (pass it in the input)");

  public static final ArchRule NO_RANDOMNESS =
      noClasses()
          .should()
          .callMethod(UUID.class, "randomUUID")
          .orShould()
          .callMethod(Math.class, "random")
          .orShould()
          .dependOnClassesThat()
          .areAssignableTo(Random.class)
          .orShould()
          .dependOnClassesThat()
          .areAssignableTo(SecureRandom.class)
          .orShould()
          .dependOnClassesThat()
          .areAssignableTo(ThreadLocalRandom.class)
          .as("workflow code uses no randomness (use Workflow.randomUUID / Workflow.newRandom)");

  public static final ArchRule NO_THREADS =
      noClasses()
          .should()
          .dependOnClassesThat()
          .areAssignableTo(Thread.class)
          .orShould()
          .dependOnClassesThat()
          .resideInAPackage("java.util.concurrent..")
          .as(
              "workflow code starts no threads and uses no executors, locks or atomics"
                  + " (use Async / Promise and Workflow.await)");

  public static final ArchRule NO_SYNCHRONIZED_METHODS =
      methods()
          .should()
          .notHaveModifier(JavaModifier.SYNCHRONIZED)
          .as("workflow code does not synchronize (a workflow runs one thread at a time)");

  public static final ArchRule NO_MUTABLE_STATICS =
      fields()
          .that()
          .areStatic()
          .should()
          .beFinal()
          .as("workflow code keeps no mutable static state");

  /** Every rule, for a test that applies them all. */
  public static final java.util.List<ArchRule> ALL =
      java.util.List.of(
          NO_SPRING_OR_JDBC,
          NO_WALL_CLOCK,
          NO_ENVIRONMENT,
          NO_RANDOMNESS,
          NO_THREADS,
          NO_SYNCHRONIZED_METHODS,
          NO_MUTABLE_STATICS);

  private static DescribedPredicate<JavaClass> resideIn(String pkg) {
    return JavaClass.Predicates.resideInAPackage(pkg);
  }
}
