package dev.amends.app.payment;

import com.fasterxml.jackson.annotation.JsonIgnore;
import java.time.Instant;

/**
 * One record of the payment provider, as its own books show it.
 *
 * @param kind CHARGE or REFUND
 * @param chargeId for a refund, the charge it reverses; null for a charge
 * @param orderId the merchant's order reference the payment was made for, if it names one
 */
public record PaymentRecord(
    String paymentId,
    String idempotencyKey,
    String orderId,
    String kind,
    String chargeId,
    long amountMinor,
    String currency,
    Instant createdAt) {

  public static final String CHARGE = "CHARGE";
  public static final String REFUND = "REFUND";

  @JsonIgnore
  public boolean isCharge() {
    return CHARGE.equals(kind);
  }
}
