package dev.amends.app.order;

import dev.amends.saga.StepKeys;
import java.util.List;

/** The one-record arguments of the order activities; each carries its idempotency key. */
public final class StepRequests {
  private StepRequests() {}

  public record ReserveStock(String orderId, String idempotencyKey, List<OrderLine> items) {}

  public record ChargeCard(
      String orderId, String idempotencyKey, String cardToken, long amountMinor, String currency) {}

  public record CreateShipment(String orderId, String idempotencyKey, Address address) {}

  public record SendConfirmation(
      String orderId, String idempotencyKey, String email, long totalMinor, String currency) {}

  /**
   * Undoes the effect made under {@code doKey}. The undo has a key of its own, so that a retried
   * undo is the same undo; "nothing was done under doKey" is a success.
   */
  public record Undo(String orderId, String doKey, String undoKey) {
    public static Undo of(String orderId, StepKeys keys) {
      return new Undo(orderId, keys.doKey(), keys.undoKey());
    }
  }
}
