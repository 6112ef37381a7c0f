package dev.amends.app.order;

import dev.amends.app.TaskQueues;
import dev.amends.saga.SagaSettings;
import dev.amends.spring.api.ApiException;
import dev.amends.spring.sagas.SagaFlow;
import dev.amends.spring.sagas.SagaHandle;
import dev.amends.spring.sagas.SagaInputConflict;
import dev.amends.spring.sagas.Sagas;
import java.util.Map;
import org.springframework.context.annotation.Bean;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;

/** Starts order sagas exactly once per order id, through {@link Sagas}. */
@Service
public class OrderSagas {
  /**
   * The order flow, for any service that starts orders: workflow id {@code order-<orderId>}; two
   * starts are the same order when their orders are equal (the saga settings may differ).
   */
  public static final SagaFlow<OrderSagaInput> FLOW =
      SagaFlow.of(OrderWorkflow.class, OrderSagaInput.class)
          .taskQueue(TaskQueues.AMENDS)
          .workflowIds(OrderWorkflow::workflowId)
          .sameInputWhen(OrderSagaInput::order)
          .build();

  private final Sagas sagas;
  private final SagaSettings settings;

  /** The flow as a bean, so that amends' console can search its sagas by flow and order id. */
  @Bean
  static SagaFlow<OrderSagaInput> orderFlow() {
    return FLOW;
  }

  public OrderSagas(Sagas sagas, SagaSettings settings) {
    this.sagas = sagas;
    this.settings = settings;
  }

  /** Whether this call started the saga, and under which workflow id. */
  public record Started(boolean created, String orderId, String workflowId) {}

  /**
   * Starts the saga for this order, or finds the one already started for its id: a repeated POST
   * never starts (or charges) twice. The same id with a different order is a conflict.
   */
  public Started start(Order order) {
    try {
      SagaHandle saga = sagas.start(FLOW, order.orderId(), new OrderSagaInput(order, settings));
      return new Started(saga.created(), order.orderId(), saga.workflowId());
    } catch (SagaInputConflict conflict) {
      throw new ApiException(
          HttpStatus.CONFLICT,
          "Conflict",
          "order " + order.orderId() + " was already placed with different content",
          "orderId",
          Map.of("workflowId", conflict.workflowId()));
    }
  }
}
