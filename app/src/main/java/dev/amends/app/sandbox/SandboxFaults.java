package dev.amends.app.sandbox;

import dev.amends.app.order.OrderFailure;
import io.temporal.failure.ApplicationFailure;
import java.sql.Timestamp;
import java.time.Instant;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The sandboxes' fault switches. A step fails when its request carries a documented test value
 * (docs/sandbox.md); an undo blocked by a test value keeps failing until an operator heals it for
 * that order, which is stored, so the heal survives restarts.
 */
@Component
public class SandboxFaults {
  private final JdbcClient jdbc;

  public SandboxFaults(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /** Throws a non-retryable business refusal: retrying would not change the answer. */
  public static ApplicationFailure refusal(OrderFailure type, String message) {
    return ApplicationFailure.newNonRetryableFailure(message, type.name());
  }

  /** Fails the undo, retryably, unless the fault was healed for this order. */
  public void failUnlessHealed(String system, String orderId, String what) {
    if (!healed(system, orderId)) {
      throw ApplicationFailure.newFailure(
          system
              + " refused "
              + what
              + " for order "
              + orderId
              + " (sandbox fault; heal it with"
              + " POST /sandbox/heal)",
          OrderFailure.UNDO_BLOCKED.name());
    }
  }

  public boolean healed(String system, String orderId) {
    return jdbc.sql(
                "SELECT COUNT(*) FROM sandbox_heal WHERE system = :system AND order_id = :order")
            .param("system", system)
            .param("order", orderId)
            .query(Integer.class)
            .single()
        > 0;
  }

  public void heal(String system, String orderId) {
    try {
      jdbc.sql("INSERT INTO sandbox_heal (system, order_id, healed_at) VALUES (:s, :o, :t)")
          .param("s", system)
          .param("o", orderId)
          .param("t", Timestamp.from(Instant.now()))
          .update();
    } catch (DuplicateKeyException alreadyHealed) {
      // Healing twice is healing once.
    }
  }
}
