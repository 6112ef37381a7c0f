package dev.amends.testkit;

import io.temporal.api.enums.v1.IndexedValueType;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowClientOptions;
import io.temporal.client.WorkflowOptions;
import io.temporal.common.converter.DataConverter;
import io.temporal.testing.TestEnvironmentOptions;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.worker.Worker;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A Temporal test environment (in-memory server, time skipping) with one worker on one task queue
 * that runs the given workflow classes, the team's activities and {@link InMemoryEscalations}, and
 * knows amends' {@code SagaStatus} search attribute.
 *
 * <pre>
 * try (SagaTestEnvironment env = SagaTestEnvironment.builder()
 *     .workflows(OrderWorkflowImpl.class)
 *     .activities(new InMemoryOrderActivities())
 *     .start()) {
 *   OrderWorkflow order = env.newWorkflow(OrderWorkflow.class, "order-1");
 *   ...
 * }
 * </pre>
 */
public final class SagaTestEnvironment implements AutoCloseable {
  public static final String DEFAULT_TASK_QUEUE = "amends-test";

  private final TestWorkflowEnvironment env;
  private final Worker worker;
  private final String taskQueue;
  private final InMemoryEscalations escalations;
  private final EscalationDriver driver;

  private SagaTestEnvironment(Builder builder) {
    TestEnvironmentOptions.Builder options = TestEnvironmentOptions.newBuilder();
    if (builder.dataConverter != null) {
      options.setWorkflowClientOptions(
          WorkflowClientOptions.newBuilder().setDataConverter(builder.dataConverter).build());
    }
    this.env = TestWorkflowEnvironment.newInstance(options.build());
    env.registerSearchAttribute("SagaStatus", IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD);
    this.taskQueue = builder.taskQueue;
    this.escalations = builder.escalations;
    this.worker = env.newWorker(taskQueue);
    worker.registerWorkflowImplementationTypes(builder.workflows.toArray(Class<?>[]::new));
    List<Object> activities = new ArrayList<>(builder.activities);
    activities.add(escalations);
    worker.registerActivitiesImplementations(activities.toArray());
    this.driver = new EscalationDriver(env.getWorkflowClient());
  }

  public static Builder builder() {
    return new Builder();
  }

  public WorkflowClient client() {
    return env.getWorkflowClient();
  }

  public TestWorkflowEnvironment temporal() {
    return env;
  }

  public Worker worker() {
    return worker;
  }

  public String taskQueue() {
    return taskQueue;
  }

  public InMemoryEscalations escalations() {
    return escalations;
  }

  /** Answers escalations and waits for a saga to get somewhere. */
  public EscalationDriver driver() {
    return driver;
  }

  /** A typed stub that starts a new workflow with the given id on this environment's queue. */
  public <W> W newWorkflow(Class<W> workflowInterface, String workflowId) {
    return client()
        .newWorkflowStub(
            workflowInterface,
            WorkflowOptions.newBuilder().setTaskQueue(taskQueue).setWorkflowId(workflowId).build());
  }

  /** Skips time on the test server: timers (re-alerts, holds) fire without waiting. */
  public void sleep(Duration duration) {
    env.sleep(duration);
  }

  @Override
  public void close() {
    env.close();
  }

  public static final class Builder {
    private final List<Class<?>> workflows = new ArrayList<>();
    private final List<Object> activities = new ArrayList<>();
    private InMemoryEscalations escalations = new InMemoryEscalations();
    private String taskQueue = DEFAULT_TASK_QUEUE;
    private DataConverter dataConverter;

    private Builder() {}

    public Builder workflows(Class<?>... workflowImplementations) {
      workflows.addAll(List.of(workflowImplementations));
      return this;
    }

    public Builder activities(Object... activityImplementations) {
      activities.addAll(List.of(activityImplementations));
      return this;
    }

    /** Escalation activities of your own (e.g. an {@link InMemoryEscalations} that fails). */
    public Builder escalations(InMemoryEscalations inMemory) {
      escalations = inMemory;
      return this;
    }

    public Builder taskQueue(String name) {
      taskQueue = name;
      return this;
    }

    public Builder dataConverter(DataConverter converter) {
      dataConverter = converter;
      return this;
    }

    /** Builds the environment without starting its worker: register more on {@link #worker()}. */
    public SagaTestEnvironment build() {
      return new SagaTestEnvironment(this);
    }

    /** Builds the environment and starts its worker. */
    public SagaTestEnvironment start() {
      SagaTestEnvironment built = build();
      built.env.start();
      return built;
    }
  }

  /** Starts the worker of an environment made with {@link Builder#build()}. */
  public SagaTestEnvironment startWorkers() {
    env.start();
    return this;
  }
}
