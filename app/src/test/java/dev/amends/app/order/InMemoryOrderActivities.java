package dev.amends.app.order;

import dev.amends.app.order.StepRequests.ChargeCard;
import dev.amends.app.order.StepRequests.CreateShipment;
import dev.amends.app.order.StepRequests.ReserveStock;
import dev.amends.app.order.StepRequests.SendConfirmation;
import dev.amends.app.order.StepRequests.Undo;
import dev.amends.app.order.StepResults.Charge;
import dev.amends.app.order.StepResults.MailReceipt;
import dev.amends.app.order.StepResults.Reservation;
import dev.amends.app.order.StepResults.Shipment;
import dev.amends.saga.UndoOutcome;
import io.temporal.failure.ApplicationFailure;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Order activities for workflow tests: effects kept in memory per idempotency key, and switches
 * that make a step fail, an undo fail until healed, or a step block until released.
 */
public class InMemoryOrderActivities implements OrderActivities {
  private final List<String> calls = new ArrayList<>();
  private final Map<String, String> effects = new HashMap<>();
  private final Set<String> undone = new HashSet<>();
  private final Set<String> failingSteps = new HashSet<>();
  private final Set<String> failingUndos = new HashSet<>();
  private final Set<String> failingAfterEffect = new HashSet<>();
  private final Map<String, Integer> undoAttempts = new HashMap<>();
  private volatile String blockingStep;
  private volatile String failureDetail = "";
  private final CountDownLatch blockedStepEntered = new CountDownLatch(1);
  private final CountDownLatch releaseBlockedStep = new CountDownLatch(1);

  public synchronized InMemoryOrderActivities failStep(String step) {
    failingSteps.add(step);
    return this;
  }

  /** The step takes effect, then reports failure: a lost acknowledgement. */
  public synchronized InMemoryOrderActivities failAfterEffect(String step) {
    failingAfterEffect.add(step);
    return this;
  }

  public synchronized InMemoryOrderActivities failUndo(String undo) {
    failingUndos.add(undo);
    return this;
  }

  public synchronized void heal(String undo) {
    failingUndos.remove(undo);
  }

  public synchronized void healStep(String step) {
    failingSteps.remove(step);
  }

  /** Appends this to every failure message, as a careless adapter quoting its request would. */
  public InMemoryOrderActivities failingWithDetail(String detail) {
    failureDetail = detail;
    return this;
  }

  public InMemoryOrderActivities blockStep(String step) {
    blockingStep = step;
    return this;
  }

  public void awaitBlockedStep() throws InterruptedException {
    if (!blockedStepEntered.await(10, TimeUnit.SECONDS)) {
      throw new AssertionError("step " + blockingStep + " never started");
    }
  }

  public void releaseBlockedStep() {
    releaseBlockedStep.countDown();
  }

  /** Every call in the order it arrived, as {@code method:key}. */
  public synchronized List<String> calls() {
    return List.copyOf(calls);
  }

  public synchronized List<String> callNames() {
    return calls.stream().map(c -> c.substring(0, c.indexOf(':'))).toList();
  }

  /** Effects made and not undone, by do key. */
  public synchronized Map<String, String> liveEffects() {
    Map<String, String> live = new HashMap<>(effects);
    live.keySet().removeAll(undone);
    return live;
  }

  public synchronized int undoAttempts(String undo) {
    return undoAttempts.getOrDefault(undo, 0);
  }

  @Override
  public PricedOrder priceAndValidate(Order order) {
    record("priceAndValidate", order.orderId());
    failIfAsked("priceAndValidate", OrderFailure.INVALID_ORDER);
    long total = order.items().stream().mapToLong(line -> 1000L * line.quantity()).sum();
    return new PricedOrder(order.orderId(), total, order.currency());
  }

  @Override
  public Reservation reserveStock(ReserveStock request) {
    return new Reservation(
        act("reserveStock", request.idempotencyKey(), OrderFailure.OUT_OF_STOCK));
  }

  @Override
  public UndoOutcome releaseStock(Undo request) {
    return undo("releaseStock", request);
  }

  @Override
  public Charge chargeCard(ChargeCard request) {
    String id = act("chargeCard", request.idempotencyKey(), OrderFailure.CARD_DECLINED);
    return new Charge(id, request.amountMinor(), request.currency());
  }

  @Override
  public UndoOutcome refundCharge(Undo request) {
    return undo("refundCharge", request);
  }

  @Override
  public Shipment createShipment(CreateShipment request) {
    return new Shipment(
        act("createShipment", request.idempotencyKey(), OrderFailure.UNDELIVERABLE));
  }

  @Override
  public UndoOutcome cancelShipment(Undo request) {
    return undo("cancelShipment", request);
  }

  @Override
  public MailReceipt sendConfirmation(SendConfirmation request) {
    return new MailReceipt(
        act("sendConfirmation", request.idempotencyKey(), OrderFailure.MAIL_REJECTED));
  }

  @Override
  public UndoOutcome sendCancellationNotice(Undo request) {
    return undo("sendCancellationNotice", request);
  }

  private String act(String step, String key, OrderFailure refusal) {
    record(step, key);
    if (step.equals(blockingStep)) {
      blockedStepEntered.countDown();
      try {
        releaseBlockedStep.await(30, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    failIfAsked(step, refusal);
    synchronized (this) {
      String effect = effects.computeIfAbsent(key, k -> step + "-" + effects.size());
      if (failingAfterEffect.contains(step)) {
        throw ApplicationFailure.newNonRetryableFailure(step + " ack lost", "ACK_LOST");
      }
      return effect;
    }
  }

  private UndoOutcome undo(String undo, Undo request) {
    record(undo, request.undoKey());
    synchronized (this) {
      undoAttempts.merge(undo, 1, Integer::sum);
      if (failingUndos.contains(undo)) {
        throw ApplicationFailure.newFailure(
            undo + " refused" + failureDetail, OrderFailure.UNDO_BLOCKED.name());
      }
      if (!effects.containsKey(request.doKey())) {
        return UndoOutcome.NOTHING_TO_UNDO;
      }
      undone.add(request.doKey());
      return UndoOutcome.UNDONE;
    }
  }

  private synchronized void failIfAsked(String step, OrderFailure refusal) {
    if (failingSteps.contains(step)) {
      throw ApplicationFailure.newNonRetryableFailure(
          step + " refused" + failureDetail, refusal.name());
    }
  }

  private synchronized void record(String method, String key) {
    calls.add(method + ":" + key);
  }
}
