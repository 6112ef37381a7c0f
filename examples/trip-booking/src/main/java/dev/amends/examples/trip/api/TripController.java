package dev.amends.examples.trip.api;

import dev.amends.examples.trip.client.TripClient;
import dev.amends.examples.trip.flow.TripWorkflow;
import dev.amends.saga.SagaState;
import dev.amends.spring.api.ApiException;
import dev.amends.spring.sagas.SagaInputConflict;
import dev.amends.spring.sagas.SagaQueries;
import jakarta.validation.Valid;
import java.net.URI;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/trips")
class TripController {
  private final TripClient trips;
  private final SagaQueries queries;

  TripController(TripClient trips, SagaQueries queries) {
    this.trips = trips;
    this.queries = queries;
  }

  /**
   * 201 when this call started the saga; 200 when the same trip was started before; 409 when the
   * trip id was used for other bookings.
   */
  @PostMapping
  ResponseEntity<TripClient.Started> book(@Valid @RequestBody TripRequest request) {
    TripClient.Started started;
    try {
      started = trips.start(request.toTrip());
    } catch (SagaInputConflict conflict) {
      throw new ApiException(
          HttpStatus.CONFLICT,
          "Conflict",
          "trip " + request.tripId() + " was already booked with other bookings",
          "tripId",
          Map.of("workflowId", conflict.workflowId()));
    }
    if (started.created()) {
      return ResponseEntity.created(URI.create("/trips/" + started.tripId())).body(started);
    }
    return ResponseEntity.ok(started);
  }

  @GetMapping("/{tripId}")
  SagaState get(@PathVariable String tripId) {
    return queries.state(TripWorkflow.workflowId(tripId));
  }
}
