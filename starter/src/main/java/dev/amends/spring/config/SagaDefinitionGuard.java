package dev.amends.spring.config;

import dev.amends.saga.InvalidSagaDefinitionException;
import dev.amends.saga.SagaDefinition;
import io.temporal.spring.boot.autoconfigure.properties.TemporalProperties;
import io.temporal.spring.boot.autoconfigure.properties.WorkerProperties;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.springframework.beans.factory.InitializingBean;

/**
 * Refuses to let the worker start while any registered workflow declares a saga whose steps lack
 * their world's minimum. Runs while the context starts, before workers poll: a refused definition
 * stops the application with a message naming each step and what it is missing.
 */
public class SagaDefinitionGuard implements InitializingBean {
  private final TemporalProperties temporal;

  public SagaDefinitionGuard(TemporalProperties temporal) {
    this.temporal = temporal;
  }

  @Override
  public void afterPropertiesSet() {
    List<String> violations = new ArrayList<>();
    for (Class<?> workflowClass : workflowClasses()) {
      for (SagaDefinition definition : definitionsOf(workflowClass)) {
        violations.addAll(definition.violations());
      }
    }
    if (!violations.isEmpty()) {
      throw new InvalidSagaDefinitionException(violations);
    }
  }

  private List<Class<?>> workflowClasses() {
    List<Class<?>> classes = new ArrayList<>();
    if (temporal.getWorkers() != null) {
      for (WorkerProperties worker : temporal.getWorkers()) {
        Collection<Class<?>> registered = worker.getWorkflowClasses();
        if (registered != null) {
          classes.addAll(registered);
        }
      }
    }
    return classes;
  }

  /** The public static SagaDefinition constants a workflow class declares. */
  static List<SagaDefinition> definitionsOf(Class<?> workflowClass) {
    List<SagaDefinition> found = new ArrayList<>();
    for (Field field : workflowClass.getFields()) {
      int modifiers = field.getModifiers();
      if (Modifier.isStatic(modifiers) && SagaDefinition.class.equals(field.getType())) {
        try {
          found.add((SagaDefinition) field.get(null));
        } catch (IllegalAccessException e) {
          throw new IllegalStateException("cannot read " + field, e);
        }
      }
    }
    return found;
  }
}
