package dev.amends.examples.trip.activities;

import dev.amends.examples.trip.flow.TripActivities;
import dev.amends.examples.trip.flow.TripCalls.Book;
import dev.amends.examples.trip.flow.TripCalls.Booking;
import dev.amends.examples.trip.flow.TripCalls.ChargeDeposit;
import dev.amends.examples.trip.flow.TripCalls.DepositCharge;
import dev.amends.examples.trip.flow.TripCalls.Undo;
import dev.amends.examples.trip.sandbox.SandboxSuppliers;
import dev.amends.saga.UndoOutcome;
import io.temporal.activity.Activity;
import org.springframework.stereotype.Component;

/** Thin adapter: each activity calls one supplier, or the ledgered deposit provider. */
@Component
public class TripActivitiesImpl implements TripActivities {
  private final SandboxSuppliers suppliers;
  private final LedgeredDeposits deposits;

  public TripActivitiesImpl(SandboxSuppliers suppliers, LedgeredDeposits deposits) {
    this.suppliers = suppliers;
    this.deposits = deposits;
  }

  @Override
  public Booking bookFlight(Book request) {
    return suppliers.book("flights", request);
  }

  @Override
  public UndoOutcome cancelFlight(Undo request) {
    return suppliers.cancel("flights", request);
  }

  @Override
  public Booking bookHotel(Book request) {
    return suppliers.book("hotels", request);
  }

  @Override
  public UndoOutcome cancelHotel(Undo request) {
    return suppliers.cancel("hotels", request);
  }

  @Override
  public Booking bookCar(Book request) {
    return suppliers.book("cars", request);
  }

  @Override
  public UndoOutcome cancelCar(Undo request) {
    return suppliers.cancel("cars", request);
  }

  @Override
  public DepositCharge chargeDeposit(ChargeDeposit request) {
    return deposits.charge(Activity.getExecutionContext().getInfo().getWorkflowId(), request);
  }

  @Override
  public UndoOutcome refundDeposit(Undo request) {
    return deposits.refund(request);
  }
}
