package dev.amends.examples.trip.api;

import dev.amends.examples.trip.flow.Trip;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;

/** The body of POST /trips. */
public record TripRequest(
    @NotBlank @Pattern(regexp = "[A-Za-z0-9-]{1,64}") String tripId,
    @NotBlank String traveller,
    @NotBlank String flight,
    @NotBlank String hotel,
    @NotBlank String car,
    @NotBlank String cardToken,
    @Positive long depositMinor,
    @NotBlank @Pattern(regexp = "[A-Z]{3}") String currency) {

  Trip toTrip() {
    return new Trip(tripId, traveller, flight, hotel, car, cardToken, depositMinor, currency);
  }
}
