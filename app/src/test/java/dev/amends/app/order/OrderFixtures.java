package dev.amends.app.order;

import dev.amends.saga.SagaSettings;
import java.time.Duration;
import java.util.List;

/** Orders and settings for tests. */
public final class OrderFixtures {
  public static final SagaSettings FAST = new SagaSettings(Duration.ofMinutes(10), 3);

  private OrderFixtures() {}

  public static Order order(String orderId) {
    return new Order(
        orderId,
        "ana@example.com",
        List.of(new OrderLine("BOOK-1", 2), new OrderLine("MUG-1", 1)),
        "tok_visa",
        new Address("Ana Lima", "1 Main St", "Lisbon", "1000-001", "PT"),
        "EUR");
  }

  public static OrderSagaInput input(String orderId) {
    return new OrderSagaInput(order(orderId), FAST);
  }
}
