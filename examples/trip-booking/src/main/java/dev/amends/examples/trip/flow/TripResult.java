package dev.amends.examples.trip.flow;

import dev.amends.saga.SagaState;
import dev.amends.saga.SagaStatus;

/** How a trip ended: booked (with the references), or compensated (with why). */
public record TripResult(
    String tripId,
    SagaStatus status,
    String flightReference,
    String hotelReference,
    String carReference,
    String depositChargeId,
    String failedStep,
    String failure) {

  static TripResult compensated(String tripId, SagaState state) {
    return new TripResult(
        tripId, state.status(), null, null, null, null, state.failedStep(), state.failure());
  }
}
