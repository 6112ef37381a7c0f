package dev.amends.examples.trip.flow;

import dev.amends.examples.trip.flow.TripCalls.Book;
import dev.amends.examples.trip.flow.TripCalls.Booking;
import dev.amends.examples.trip.flow.TripCalls.ChargeDeposit;
import dev.amends.examples.trip.flow.TripCalls.DepositCharge;
import dev.amends.examples.trip.flow.TripCalls.Undo;
import dev.amends.saga.UndoOutcome;
import io.temporal.activity.ActivityInterface;

/**
 * The trip's calls to suppliers and the payment provider, each do beside its undo. Every call is
 * idempotent on its key. Refusals (sold out, card declined) are non-retryable failures.
 */
@ActivityInterface
public interface TripActivities {
  Booking bookFlight(Book request);

  UndoOutcome cancelFlight(Undo request);

  Booking bookHotel(Book request);

  UndoOutcome cancelHotel(Undo request);

  Booking bookCar(Book request);

  UndoOutcome cancelCar(Undo request);

  /** RML-3: intent and outcome recorded in the effect ledger around the provider call. */
  DepositCharge chargeDeposit(ChargeDeposit request);

  /** RML-3 correction: a refund, a new ledger entry; the charge itself is never erased. */
  UndoOutcome refundDeposit(Undo request);
}
