package dev.amends.spring.sagas;

import io.temporal.api.enums.v1.WorkflowIdReusePolicy;
import io.temporal.common.metadata.POJOWorkflowInterfaceMetadata;
import java.util.Objects;
import java.util.function.Function;

/**
 * What {@link Sagas} needs to start one kind of saga: its workflow type, task queue, input type,
 * how a business id becomes a workflow id, and which part of the input identifies the request.
 *
 * <pre>{@code
 * SagaFlow<OrderSagaInput> ORDERS =
 *     SagaFlow.of(OrderWorkflow.class, OrderSagaInput.class)
 *         .taskQueue("amends")
 *         .workflowIds(orderId -> "order-" + orderId)
 *         .sameInputWhen(OrderSagaInput::order)
 *         .build();
 * }</pre>
 *
 * @param <I> the workflow method's one argument
 */
public final class SagaFlow<I> {
  private final String workflowType;
  private final Class<I> inputType;
  private final String taskQueue;
  private final Function<String, String> workflowIds;
  private final Function<? super I, ?> identity;
  private final WorkflowIdReusePolicy reusePolicy;

  private SagaFlow(Builder<I> b) {
    this.workflowType = b.workflowType;
    this.inputType = b.inputType;
    this.taskQueue = Objects.requireNonNull(b.taskQueue, "taskQueue");
    this.workflowIds = Objects.requireNonNull(b.workflowIds, "workflowIds");
    this.identity = b.identity;
    this.reusePolicy = b.reusePolicy;
  }

  /** A flow whose workflow type is the one the interface's {@code @WorkflowMethod} declares. */
  public static <I> Builder<I> of(Class<?> workflowInterface, Class<I> inputType) {
    String type =
        POJOWorkflowInterfaceMetadata.newInstance(workflowInterface)
            .getWorkflowType()
            .orElseThrow(
                () ->
                    new IllegalArgumentException(
                        workflowInterface.getName() + " declares no @WorkflowMethod"));
    return ofType(type, inputType);
  }

  /** A flow named by its workflow type, for services that do not share the interface. */
  public static <I> Builder<I> ofType(String workflowType, Class<I> inputType) {
    return new Builder<>(workflowType, inputType);
  }

  public String workflowType() {
    return workflowType;
  }

  public Class<I> inputType() {
    return inputType;
  }

  public String taskQueue() {
    return taskQueue;
  }

  public WorkflowIdReusePolicy reusePolicy() {
    return reusePolicy;
  }

  /** The workflow id of the saga for this business id. */
  public String workflowId(String businessId) {
    if (businessId == null || businessId.isBlank()) {
      throw new IllegalArgumentException("a saga needs a business id");
    }
    String id = workflowIds.apply(businessId);
    if (id == null || id.isBlank()) {
      throw new IllegalArgumentException("no workflow id for business id " + businessId);
    }
    return id;
  }

  /** The part of the input two starts must agree on to be the same request. */
  Object identity(I input) {
    return identity.apply(input);
  }

  public static final class Builder<I> {
    private final String workflowType;
    private final Class<I> inputType;
    private String taskQueue;
    private Function<String, String> workflowIds;
    private Function<? super I, ?> identity = Function.identity();
    private WorkflowIdReusePolicy reusePolicy =
        WorkflowIdReusePolicy.WORKFLOW_ID_REUSE_POLICY_REJECT_DUPLICATE;

    private Builder(String workflowType, Class<I> inputType) {
      if (workflowType == null || workflowType.isBlank()) {
        throw new IllegalArgumentException("a flow needs a workflow type");
      }
      this.workflowType = workflowType;
      this.inputType = Objects.requireNonNull(inputType, "inputType");
    }

    public Builder<I> taskQueue(String taskQueue) {
      this.taskQueue = taskQueue;
      return this;
    }

    /** How a business id becomes the workflow id, e.g. {@code id -> "order-" + id}. */
    public Builder<I> workflowIds(Function<String, String> workflowIds) {
      this.workflowIds = workflowIds;
      return this;
    }

    /**
     * The part of the input that makes two starts the same request; the whole input unless set.
     * Leave out what may change between two honest attempts, such as operational settings.
     */
    public Builder<I> sameInputWhen(Function<? super I, ?> identity) {
      this.identity = Objects.requireNonNull(identity, "identity");
      return this;
    }

    /**
     * Whether a closed saga's id may start again. The default, {@code REJECT_DUPLICATE}, keeps a
     * business id to one saga for as long as Temporal retains it, however the saga ended.
     */
    public Builder<I> reusePolicy(WorkflowIdReusePolicy reusePolicy) {
      this.reusePolicy = Objects.requireNonNull(reusePolicy, "reusePolicy");
      return this;
    }

    public SagaFlow<I> build() {
      return new SagaFlow<>(this);
    }
  }
}
