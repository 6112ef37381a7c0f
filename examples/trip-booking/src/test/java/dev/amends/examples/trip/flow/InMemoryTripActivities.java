package dev.amends.examples.trip.flow;

import dev.amends.examples.trip.flow.TripCalls.Book;
import dev.amends.examples.trip.flow.TripCalls.Booking;
import dev.amends.examples.trip.flow.TripCalls.ChargeDeposit;
import dev.amends.examples.trip.flow.TripCalls.DepositCharge;
import dev.amends.examples.trip.flow.TripCalls.Undo;
import dev.amends.saga.UndoOutcome;
import io.temporal.failure.ApplicationFailure;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Trip activities for workflow tests: effects kept in memory per key, and switches that make a step
 * fail (before or after its effect) or an undo fail until healed.
 */
public class InMemoryTripActivities implements TripActivities {
  private final List<String> calls = new ArrayList<>();
  private final Map<String, String> effects = new HashMap<>();
  private final Set<String> failingSteps = new HashSet<>();
  private final Set<String> failingAfterEffect = new HashSet<>();
  private final Set<String> failingUndos = new HashSet<>();

  public synchronized InMemoryTripActivities failStep(String step) {
    failingSteps.add(step);
    return this;
  }

  /** The step takes effect, then reports failure: a lost acknowledgement. */
  public synchronized InMemoryTripActivities failAfterEffect(String step) {
    failingAfterEffect.add(step);
    return this;
  }

  public synchronized InMemoryTripActivities failUndo(String undo) {
    failingUndos.add(undo);
    return this;
  }

  public synchronized void heal(String undo) {
    failingUndos.remove(undo);
  }

  /** Forgets every switch, call and effect: the next trip starts from nothing. */
  public synchronized void reset() {
    calls.clear();
    effects.clear();
    failingSteps.clear();
    failingAfterEffect.clear();
    failingUndos.clear();
  }

  /** Every call in the order it arrived, as {@code method:key}. */
  public synchronized List<String> calls() {
    return List.copyOf(calls);
  }

  public synchronized List<String> callNames() {
    return calls.stream().map(c -> c.substring(0, c.indexOf(':'))).toList();
  }

  /** The effects still in place, by the key that made them. */
  public synchronized Map<String, String> liveEffects() {
    return Map.copyOf(effects);
  }

  @Override
  public Booking bookFlight(Book request) {
    return new Booking(perform("bookFlight", request.idempotencyKey()));
  }

  @Override
  public UndoOutcome cancelFlight(Undo request) {
    return undo("cancelFlight", request);
  }

  @Override
  public Booking bookHotel(Book request) {
    return new Booking(perform("bookHotel", request.idempotencyKey()));
  }

  @Override
  public UndoOutcome cancelHotel(Undo request) {
    return undo("cancelHotel", request);
  }

  @Override
  public Booking bookCar(Book request) {
    return new Booking(perform("bookCar", request.idempotencyKey()));
  }

  @Override
  public UndoOutcome cancelCar(Undo request) {
    return undo("cancelCar", request);
  }

  @Override
  public DepositCharge chargeDeposit(ChargeDeposit request) {
    String id = perform("chargeDeposit", request.idempotencyKey());
    return new DepositCharge(id, request.amountMinor(), request.currency());
  }

  @Override
  public UndoOutcome refundDeposit(Undo request) {
    return undo("refundDeposit", request);
  }

  private synchronized String perform(String step, String key) {
    calls.add(step + ":" + key);
    if (failingSteps.contains(step)) {
      throw ApplicationFailure.newNonRetryableFailure(step + " refused", "REFUSED");
    }
    String reference = step + "#" + key.hashCode();
    effects.put(key, reference);
    if (failingAfterEffect.contains(step)) {
      throw ApplicationFailure.newNonRetryableFailure(step + " answer lost", "LOST_ACK");
    }
    return reference;
  }

  private synchronized UndoOutcome undo(String undo, Undo request) {
    calls.add(undo + ":" + request.undoKey());
    if (failingUndos.contains(undo)) {
      throw ApplicationFailure.newFailure(undo + " refused", "UNDO_BLOCKED");
    }
    return effects.remove(request.doKey()) == null
        ? UndoOutcome.NOTHING_TO_UNDO
        : UndoOutcome.UNDONE;
  }
}
