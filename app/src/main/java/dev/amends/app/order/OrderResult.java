package dev.amends.app.order;

import dev.amends.saga.SagaState;
import dev.amends.saga.SagaStatus;

/** How an order saga ended. References are null when the saga compensated. */
public record OrderResult(
    String orderId,
    SagaStatus status,
    long totalMinor,
    String currency,
    String chargeId,
    String shipmentId,
    String failedStep,
    String failure) {

  static OrderResult compensated(String orderId, SagaState state) {
    return new OrderResult(
        orderId, state.status(), 0, null, null, null, state.failedStep(), state.failure());
  }
}
