package dev.amends.examples.trip.flow;

import dev.amends.saga.SagaSettings;

/** The trip workflow's one argument: the trip and the saga's operational settings. */
public record TripInput(Trip trip, SagaSettings settings) {}
