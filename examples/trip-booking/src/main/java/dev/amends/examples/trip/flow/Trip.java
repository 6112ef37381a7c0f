package dev.amends.examples.trip.flow;

/**
 * A trip to book: what to book with each supplier, and the deposit to charge once all three hold.
 * The supplier fields are free text; the sandboxes read test values in them (docs in the README).
 */
public record Trip(
    String tripId,
    String traveller,
    String flight,
    String hotel,
    String car,
    String cardToken,
    long depositMinor,
    String currency) {}
