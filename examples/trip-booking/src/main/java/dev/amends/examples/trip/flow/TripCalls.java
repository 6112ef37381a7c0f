package dev.amends.examples.trip.flow;

import dev.amends.saga.StepKeys;

/** The one-record arguments and results of the trip activities; each call carries its key. */
public final class TripCalls {
  private TripCalls() {}

  /** Books {@code what} (a flight, a room, a car) under the step's idempotency key. */
  public record Book(String tripId, String idempotencyKey, String what) {}

  public record Booking(String reference) {}

  public record ChargeDeposit(
      String tripId, String idempotencyKey, String cardToken, long amountMinor, String currency) {}

  public record DepositCharge(String chargeId, long amountMinor, String currency) {}

  /** Undoes what was done under {@code doKey}; "nothing was done" is a success. */
  public record Undo(String tripId, String doKey, String undoKey) {
    public static Undo of(String tripId, StepKeys keys) {
      return new Undo(tripId, keys.doKey(), keys.undoKey());
    }
  }
}
