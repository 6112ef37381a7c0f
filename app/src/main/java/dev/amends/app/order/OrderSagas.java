package dev.amends.app.order;

import dev.amends.app.TaskQueues;
import dev.amends.saga.SagaSettings;
import dev.amends.spring.api.ApiException;
import io.temporal.api.common.v1.Payloads;
import io.temporal.api.common.v1.WorkflowExecution;
import io.temporal.api.enums.v1.WorkflowIdReusePolicy;
import io.temporal.api.workflowservice.v1.GetWorkflowExecutionHistoryRequest;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowExecutionAlreadyStarted;
import io.temporal.client.WorkflowOptions;
import java.util.Optional;
import org.springframework.stereotype.Service;

/** Starts order sagas exactly once per order id. */
@Service
public class OrderSagas {
  private final WorkflowClient client;
  private final SagaSettings settings;

  public OrderSagas(WorkflowClient client, SagaSettings settings) {
    this.client = client;
    this.settings = settings;
  }

  /** Whether this call started the saga, and under which workflow id. */
  public record Started(boolean created, String orderId, String workflowId) {}

  /**
   * Starts the saga for this order, or finds the one already started for its id: a repeated POST
   * never starts (or charges) twice. The same id with a different order is a conflict.
   */
  public Started start(Order order) {
    String workflowId = OrderWorkflow.workflowId(order.orderId());
    OrderWorkflow saga =
        client.newWorkflowStub(
            OrderWorkflow.class,
            WorkflowOptions.newBuilder()
                .setTaskQueue(TaskQueues.AMENDS)
                .setWorkflowId(workflowId)
                .setWorkflowIdReusePolicy(
                    WorkflowIdReusePolicy.WORKFLOW_ID_REUSE_POLICY_REJECT_DUPLICATE)
                .build());
    try {
      WorkflowClient.start(saga::fulfil, new OrderSagaInput(order, settings));
      return new Started(true, order.orderId(), workflowId);
    } catch (WorkflowExecutionAlreadyStarted alreadyStarted) {
      Order earlier = startedWith(workflowId).order();
      if (!earlier.equals(order)) {
        throw ApiException.conflict(
            "order " + order.orderId() + " was already placed with different content");
      }
      return new Started(false, order.orderId(), workflowId);
    }
  }

  /** The input the saga was started with, read from the first event of its history. */
  private OrderSagaInput startedWith(String workflowId) {
    Payloads input =
        client
            .getWorkflowServiceStubs()
            .blockingStub()
            .getWorkflowExecutionHistory(
                GetWorkflowExecutionHistoryRequest.newBuilder()
                    .setNamespace(client.getOptions().getNamespace())
                    .setExecution(WorkflowExecution.newBuilder().setWorkflowId(workflowId))
                    .setMaximumPageSize(1)
                    .build())
            .getHistory()
            .getEvents(0)
            .getWorkflowExecutionStartedEventAttributes()
            .getInput();
    return client
        .getOptions()
        .getDataConverter()
        .fromPayloads(0, Optional.of(input), OrderSagaInput.class, OrderSagaInput.class);
  }
}
