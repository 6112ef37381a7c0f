package dev.amends.examples.trip.flow;

import dev.amends.examples.trip.flow.TripCalls.Book;
import dev.amends.examples.trip.flow.TripCalls.Booking;
import dev.amends.examples.trip.flow.TripCalls.ChargeDeposit;
import dev.amends.examples.trip.flow.TripCalls.DepositCharge;
import dev.amends.examples.trip.flow.TripCalls.Undo;
import dev.amends.saga.AmendsSaga;
import dev.amends.saga.SagaDefinition;
import dev.amends.saga.SagaState;
import dev.amends.saga.SagaStatus;
import dev.amends.saga.StepOptions;
import io.temporal.activity.ActivityOptions;
import io.temporal.common.converter.RawValue;
import io.temporal.workflow.Workflow;
import io.temporal.workflow.WorkflowInit;
import java.time.Duration;

public class TripWorkflowImpl implements TripWorkflow {
  public static final String FLIGHT = "bookFlight";
  public static final String HOTEL = "bookHotel";
  public static final String CAR = "bookCar";
  public static final String DEPOSIT = "chargeDeposit";

  public static final SagaDefinition DEFINITION =
      SagaDefinition.named("trip-booking")
          .step(FLIGHT)
          .dialog()
          .undo("cancelFlight")
          .runbook("docs/runbooks/cancel-flight.md")
          .step(HOTEL)
          .dialog()
          .undo("cancelHotel")
          .runbook("docs/runbooks/cancel-hotel.md")
          .step(CAR)
          .dialog()
          .undo("cancelCar")
          .runbook("docs/runbooks/cancel-car.md")
          .step(DEPOSIT)
          .history()
          .correction("refundDeposit")
          .ledger("deposit-provider")
          .runbook("docs/runbooks/refund-deposit.md")
          .build();

  /** Outages are retried until they end; suppliers' refusals are non-retryable and fail a step. */
  static final ActivityOptions STEP_OPTIONS = StepOptions.forwardSteps(Duration.ofSeconds(10));

  private final AmendsSaga saga;
  private final TripActivities steps;
  private final TripActivities undos;

  @WorkflowInit
  public TripWorkflowImpl(TripInput input) {
    saga = new AmendsSaga(DEFINITION, input.settings()).continuesAsNewWith(input);
    steps = Workflow.newActivityStub(TripActivities.class, STEP_OPTIONS);
    undos = Workflow.newActivityStub(TripActivities.class, saga.undoActivityOptions());
  }

  @Override
  public TripResult book(TripInput input) {
    Trip trip = input.trip();
    String id = trip.tripId();
    saga.atStake(DEPOSIT, trip.depositMinor(), trip.currency());
    return saga.run(
            () -> {
              Booking flight =
                  saga.step(
                      FLIGHT,
                      keys -> steps.bookFlight(new Book(id, keys.doKey(), trip.flight())),
                      keys -> undos.cancelFlight(Undo.of(id, keys)));
              Booking hotel =
                  saga.step(
                      HOTEL,
                      keys -> steps.bookHotel(new Book(id, keys.doKey(), trip.hotel())),
                      keys -> undos.cancelHotel(Undo.of(id, keys)));
              Booking car =
                  saga.step(
                      CAR,
                      keys -> steps.bookCar(new Book(id, keys.doKey(), trip.car())),
                      keys -> undos.cancelCar(Undo.of(id, keys)));
              DepositCharge deposit =
                  saga.step(
                      DEPOSIT,
                      keys ->
                          steps.chargeDeposit(
                              new ChargeDeposit(
                                  id,
                                  keys.doKey(),
                                  trip.cardToken(),
                                  trip.depositMinor(),
                                  trip.currency())),
                      keys -> undos.refundDeposit(Undo.of(id, keys)));
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
        .orElseGet(() -> TripResult.compensated(id, saga.state()));
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
