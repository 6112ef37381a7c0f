package dev.amends.app.order;

/** What the order steps return: each external system's own reference for the effect. */
public final class StepResults {
  private StepResults() {}

  public record Reservation(String reservationId) {}

  public record Charge(String chargeId, long amountMinor, String currency) {}

  public record Shipment(String shipmentId) {}

  public record MailReceipt(String messageId) {}
}
