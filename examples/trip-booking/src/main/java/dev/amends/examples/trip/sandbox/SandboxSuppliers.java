package dev.amends.examples.trip.sandbox;

import dev.amends.examples.trip.flow.TripCalls.Book;
import dev.amends.examples.trip.flow.TripCalls.Booking;
import dev.amends.examples.trip.flow.TripCalls.Undo;
import dev.amends.saga.UndoOutcome;
import io.temporal.failure.ApplicationFailure;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.springframework.stereotype.Component;

/**
 * In-memory airline, hotel and car-rental systems. Like real ones they honour idempotency keys: a
 * repeated key returns the first booking, a repeated cancellation changes nothing. Test values in
 * what is booked make them misbehave: {@code SOLD-OUT} refuses the booking, {@code CANCEL-BLOCKED}
 * makes its cancellation fail until the trip is healed for that supplier.
 */
@Component
public class SandboxSuppliers {
  public static final String SOLD_OUT = "SOLD-OUT";
  public static final String CANCEL_BLOCKED = "CANCEL-BLOCKED";

  /** One booking as the supplier holds it. */
  public record Reservation(
      String supplier,
      String tripId,
      String reference,
      String what,
      String key,
      boolean cancelled) {}

  private final Map<String, Reservation> byKey = new LinkedHashMap<>();
  private final Set<String> healed = new HashSet<>();

  public synchronized Booking book(String supplier, Book request) {
    Reservation held = byKey.get(request.idempotencyKey());
    if (held != null) {
      return new Booking(held.reference());
    }
    if (request.what() == null || request.what().contains(SOLD_OUT)) {
      throw ApplicationFailure.newNonRetryableFailure(
          supplier + " refused: " + request.what() + " is sold out", "SOLD_OUT");
    }
    String reference = prefix(supplier) + "-" + shortId(request.idempotencyKey());
    byKey.put(
        request.idempotencyKey(),
        new Reservation(
            supplier,
            request.tripId(),
            reference,
            request.what(),
            request.idempotencyKey(),
            false));
    return new Booking(reference);
  }

  public synchronized UndoOutcome cancel(String supplier, Undo request) {
    Reservation held = byKey.get(request.doKey());
    if (held == null) {
      return UndoOutcome.NOTHING_TO_UNDO;
    }
    if (held.what().contains(CANCEL_BLOCKED) && !healed.contains(supplier + "/" + held.tripId())) {
      throw ApplicationFailure.newFailure(
          supplier
              + " refused to cancel "
              + held.reference()
              + " for trip "
              + held.tripId()
              + " (sandbox fault; heal it with POST /sandbox/heal)",
          "CANCEL_BLOCKED");
    }
    byKey.put(
        request.doKey(),
        new Reservation(supplier, held.tripId(), held.reference(), held.what(), held.key(), true));
    return held.cancelled() ? UndoOutcome.NOTHING_TO_UNDO : UndoOutcome.UNDONE;
  }

  /** From now on the supplier cancels this trip's booking. */
  public synchronized void heal(String tripId, String supplier) {
    healed.add(supplier + "/" + tripId);
  }

  public synchronized List<Reservation> reservations(String tripId) {
    List<Reservation> found = new ArrayList<>();
    for (Reservation r : byKey.values()) {
      if (r.tripId().equals(tripId)) {
        found.add(r);
      }
    }
    return found;
  }

  private static String prefix(String supplier) {
    return supplier.substring(0, 3).toUpperCase();
  }

  static String shortId(String key) {
    return UUID.nameUUIDFromBytes(key.getBytes(StandardCharsets.UTF_8)).toString().substring(0, 8);
  }
}
