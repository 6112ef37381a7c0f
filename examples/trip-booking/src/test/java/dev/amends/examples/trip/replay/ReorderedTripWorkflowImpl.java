package dev.amends.examples.trip.replay;

import dev.amends.examples.trip.flow.TripActivities;
import dev.amends.examples.trip.flow.TripCalls.Book;
import dev.amends.examples.trip.flow.TripCalls.Booking;
import dev.amends.examples.trip.flow.TripCalls.ChargeDeposit;
import dev.amends.examples.trip.flow.TripCalls.DepositCharge;
import dev.amends.examples.trip.flow.TripCalls.Undo;
import dev.amends.examples.trip.flow.TripInput;
import dev.amends.examples.trip.flow.TripResult;
import dev.amends.examples.trip.flow.TripWorkflow;
import dev.amends.examples.trip.flow.TripWorkflowImpl;
import dev.amends.saga.AmendsSaga;
import dev.amends.saga.SagaDefinition;
import dev.amends.saga.SagaState;
import dev.amends.saga.SagaStatus;
import io.temporal.activity.ActivityOptions;
import io.temporal.common.converter.RawValue;
import io.temporal.workflow.Workflow;
import io.temporal.workflow.WorkflowInit;
import java.time.Duration;

/** The trip flow with the car booked before the hotel: a change replay must catch. */
public class ReorderedTripWorkflowImpl implements TripWorkflow {
  public static final SagaDefinition DEFINITION = TripWorkflowImpl.DEFINITION;

  private final AmendsSaga saga;
  private final TripActivities steps;
  private final TripActivities undos;

  @WorkflowInit
  public ReorderedTripWorkflowImpl(TripInput input) {
    saga = new AmendsSaga(DEFINITION, input.settings());
    steps =
        Workflow.newActivityStub(
            TripActivities.class,
            ActivityOptions.newBuilder().setStartToCloseTimeout(Duration.ofSeconds(10)).build());
    undos = Workflow.newActivityStub(TripActivities.class, saga.undoActivityOptions());
  }

  @Override
  public TripResult book(TripInput input) {
    String id = input.trip().tripId();
    return saga.run(
            () -> {
              Booking flight =
                  saga.step(
                      TripWorkflowImpl.FLIGHT,
                      k -> steps.bookFlight(new Book(id, k.doKey(), input.trip().flight())),
                      k -> undos.cancelFlight(Undo.of(id, k)));
              Booking car =
                  saga.step(
                      TripWorkflowImpl.CAR,
                      k -> steps.bookCar(new Book(id, k.doKey(), input.trip().car())),
                      k -> undos.cancelCar(Undo.of(id, k)));
              Booking hotel =
                  saga.step(
                      TripWorkflowImpl.HOTEL,
                      k -> steps.bookHotel(new Book(id, k.doKey(), input.trip().hotel())),
                      k -> undos.cancelHotel(Undo.of(id, k)));
              DepositCharge deposit =
                  saga.step(
                      TripWorkflowImpl.DEPOSIT,
                      k ->
                          steps.chargeDeposit(
                              new ChargeDeposit(
                                  id,
                                  k.doKey(),
                                  input.trip().cardToken(),
                                  input.trip().depositMinor(),
                                  input.trip().currency())),
                      k -> undos.refundDeposit(Undo.of(id, k)));
              return new TripResult(
                  id,
                  SagaStatus.COMPLETED,
                  flight.reference(),
                  hotel.reference(),
                  car.reference(),
                  deposit.chargeId(),
                  null,
                  null);
            })
        .orElseThrow();
  }

  @Override
  public SagaState sagaState() {
    return saga.state();
  }

  @Override
  public void resolveEscalation(RawValue decision) {
    saga.decide(decision);
  }
}
