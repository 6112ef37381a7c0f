package dev.amends.examples.trip.api;

import dev.amends.examples.trip.client.TripClient;
import dev.amends.examples.trip.flow.TripWorkflow;
import dev.amends.saga.SagaState;
import dev.amends.spring.sagas.SagaQueries;
import jakarta.validation.Valid;
import java.net.URI;
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

  /** 201 when this call started the saga; 200 when a saga for this trip id was started before. */
  @PostMapping
  ResponseEntity<TripClient.Started> book(@Valid @RequestBody TripRequest request) {
    TripClient.Started started = trips.start(request.toTrip());
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
