package dev.amends.app.payment;

import dev.amends.saga.UndoOutcome;

/**
 * What a refund call did: refunded (with the provider's reference), or found no charge to refund.
 *
 * @param refundId null when there was nothing to refund
 */
public record Refund(UndoOutcome outcome, String refundId, long amountMinor) {

  public static Refund nothingToRefund() {
    return new Refund(UndoOutcome.NOTHING_TO_UNDO, null, 0);
  }
}
