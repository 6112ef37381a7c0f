package dev.amends.examples.trip.sandbox;

import dev.amends.examples.trip.flow.TripCalls.ChargeDeposit;
import dev.amends.examples.trip.flow.TripCalls.DepositCharge;
import dev.amends.examples.trip.flow.TripCalls.Undo;
import dev.amends.saga.UndoOutcome;
import io.temporal.failure.ApplicationFailure;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.springframework.stereotype.Component;

/**
 * An in-memory payment provider for deposits, idempotent on its keys. Test card tokens: {@code
 * tok_declined} refuses the charge; {@code tok_lost_ack} takes the money and then answers with an
 * error (the acknowledgement is lost), so the saga must refund; {@code tok_refund_blocked} makes
 * the refund fail until the trip is healed for {@code payments}.
 */
@Component
public class SandboxDeposits {
  public static final String DECLINED = "tok_declined";
  public static final String LOST_ACK = "tok_lost_ack";
  public static final String REFUND_BLOCKED = "tok_refund_blocked";

  /** A charge as the provider holds it; refundId is set once refunded. */
  public record Payment(
      String tripId,
      String chargeId,
      String key,
      String cardToken,
      long amountMinor,
      String currency,
      String refundId) {}

  /** What a refund did: reversed the charge, or found none. */
  public record Refund(UndoOutcome outcome, String refundId, long amountMinor) {}

  private final Map<String, Payment> byKey = new LinkedHashMap<>();
  private final Set<String> healed = new HashSet<>();

  public synchronized DepositCharge charge(ChargeDeposit request) {
    Payment held = byKey.get(request.idempotencyKey());
    if (held == null) {
      if (DECLINED.equals(request.cardToken())) {
        throw ApplicationFailure.newNonRetryableFailure(
            "card declined for the deposit of trip " + request.tripId(), "DECLINED");
      }
      held =
          new Payment(
              request.tripId(),
              "dep_" + SandboxSuppliers.shortId(request.idempotencyKey()),
              request.idempotencyKey(),
              request.cardToken(),
              request.amountMinor(),
              request.currency(),
              null);
      byKey.put(request.idempotencyKey(), held);
    }
    if (LOST_ACK.equals(request.cardToken())) {
      throw ApplicationFailure.newNonRetryableFailure(
          "the provider's answer was lost after it charged " + held.chargeId(), "LOST_ACK");
    }
    return new DepositCharge(held.chargeId(), held.amountMinor(), held.currency());
  }

  public synchronized Refund refund(Undo request) {
    Payment held = byKey.get(request.doKey());
    if (held == null) {
      return new Refund(UndoOutcome.NOTHING_TO_UNDO, null, 0);
    }
    if (held.refundId() != null) {
      return new Refund(UndoOutcome.UNDONE, held.refundId(), held.amountMinor());
    }
    if (REFUND_BLOCKED.equals(held.cardToken()) && !healed.contains(held.tripId())) {
      throw ApplicationFailure.newFailure(
          "payments refused refund of "
              + held.chargeId()
              + " for trip "
              + held.tripId()
              + " (sandbox fault; heal it with POST /sandbox/heal)",
          "REFUND_BLOCKED");
    }
    String refundId = "re_" + SandboxSuppliers.shortId(request.undoKey());
    byKey.put(
        request.doKey(),
        new Payment(
            held.tripId(),
            held.chargeId(),
            held.key(),
            held.cardToken(),
            held.amountMinor(),
            held.currency(),
            refundId));
    return new Refund(UndoOutcome.UNDONE, refundId, held.amountMinor());
  }

  public synchronized Optional<Payment> find(String key) {
    return Optional.ofNullable(byKey.get(key));
  }

  public synchronized void heal(String tripId) {
    healed.add(tripId);
  }

  public synchronized List<Payment> payments(String tripId) {
    List<Payment> found = new ArrayList<>();
    for (Payment p : byKey.values()) {
      if (p.tripId().equals(tripId)) {
        found.add(p);
      }
    }
    return found;
  }
}
