package dev.amends.determinism;

import static com.tngtech.archunit.core.domain.JavaCall.Predicates.target;
import static com.tngtech.archunit.core.domain.properties.HasName.Predicates.name;
import static com.tngtech.archunit.core.domain.properties.HasOwner.Predicates.With.owner;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.fields;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.lang.ArchRule;
import java.security.SecureRandom;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/**
 * What workflow code may not touch: replay must take the same path every time, so the clock,
 * randomness, threads, I/O frameworks and mutable statics go through {@code Workflow.*} or not at
 * all. Applied to the whole workflows module, which holds only deterministic code.
 */
final class WorkflowDeterminismRules {
  private WorkflowDeterminismRules() {}

  static final ArchRule NO_SPRING_OR_JDBC =
      noClasses()
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage(
              "org.springframework..", "java.sql..", "javax.sql..", "jakarta.persistence..",
              "java.net.http..", "java.nio.file..")
          .as("workflow code reaches no Spring, JDBC or I/O");

  static final ArchRule NO_WALL_CLOCK =
      noClasses()
          .should()
          .callMethodWhere(
              target(name("now")).and(target(owner(resideIn("java.time")))))
          .orShould()
          .callMethod(System.class, "currentTimeMillis")
          .orShould()
          .callMethod(System.class, "nanoTime")
          .as("workflow code reads no wall clock (use Workflow.currentTimeMillis)");

  static final ArchRule NO_RANDOMNESS =
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

  static final ArchRule NO_THREADS =
      noClasses()
          .should()
          .dependOnClassesThat()
          .areAssignableTo(Thread.class)
          .orShould()
          .dependOnClassesThat()
          .resideInAPackage("java.util.concurrent")
          .as("workflow code starts no threads and uses no executors (use Async / Promise)");

  static final ArchRule NO_MUTABLE_STATICS =
      fields()
          .that()
          .areStatic()
          .should()
          .beFinal()
          .as("workflow code keeps no mutable static state");

  private static DescribedPredicate<JavaClass> resideIn(String pkg) {
    return JavaClass.Predicates.resideInAPackage(pkg);
  }
}
