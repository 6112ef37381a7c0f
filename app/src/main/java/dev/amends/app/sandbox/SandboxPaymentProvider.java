package dev.amends.app.sandbox;

import dev.amends.app.order.OrderFailure;
import dev.amends.app.order.StepRequests.ChargeCard;
import dev.amends.app.order.StepRequests.Undo;
import dev.amends.app.order.StepResults.Charge;
import dev.amends.app.payment.PaymentProvider;
import dev.amends.app.payment.PaymentRecord;
import dev.amends.app.payment.Refund;
import dev.amends.saga.UndoOutcome;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * A card payment provider that keeps its own records, as a real one does. Test cards: {@code
 * tok_declined} is declined; {@code tok_refund_blocked} charges, but its refund fails until healed.
 */
@Component
public class SandboxPaymentProvider implements PaymentProvider {
  public static final String SYSTEM = "payments";

  private final JdbcClient jdbc;
  private final SandboxFaults faults;
  private final SandboxLatency latency;

  public SandboxPaymentProvider(JdbcClient jdbc, SandboxFaults faults, SandboxLatency latency) {
    this.jdbc = jdbc;
    this.faults = faults;
    this.latency = latency;
  }

  /** One record of the provider: a charge or a refund. */
  public record Payment(
      String paymentId,
      String idempotencyKey,
      String orderId,
      String kind,
      String chargeId,
      String cardToken,
      long amountMinor,
      String currency) {}

  @Override
  public Charge charge(ChargeCard request) {
    latency.pause();
    Optional<Payment> existing = byKey(request.idempotencyKey());
    if (existing.isPresent()) {
      Payment p = existing.get();
      return new Charge(p.paymentId(), p.amountMinor(), p.currency());
    }
    if ("tok_declined".equals(request.cardToken())) {
      throw SandboxFaults.refusal(OrderFailure.CARD_DECLINED, "the card was declined");
    }
    Payment charge =
        insert(
            new Payment(
                References.of("ch", request.idempotencyKey()),
                request.idempotencyKey(),
                request.orderId(),
                PaymentRecord.CHARGE,
                null,
                request.cardToken(),
                request.amountMinor(),
                request.currency()));
    return new Charge(charge.paymentId(), charge.amountMinor(), charge.currency());
  }

  @Override
  public Refund refund(Undo request) {
    latency.pause();
    Optional<Payment> charge = byKey(request.doKey());
    if (charge.isEmpty()) {
      return Refund.nothingToRefund();
    }
    Optional<Payment> refunded = byKey(request.undoKey());
    if (refunded.isPresent()) {
      return refundOf(refunded.get());
    }
    Payment charged = charge.get();
    if ("tok_refund_blocked".equals(charged.cardToken())) {
      faults.failUnlessHealed(SYSTEM, request.orderId(), "refund of " + charged.paymentId());
    }
    return refundOf(
        insert(
            new Payment(
                References.of("re", request.undoKey()),
                request.undoKey(),
                request.orderId(),
                PaymentRecord.REFUND,
                charged.paymentId(),
                charged.cardToken(),
                charged.amountMinor(),
                charged.currency())));
  }

  @Override
  public Optional<PaymentRecord> find(String idempotencyKey) {
    return jdbc.sql("SELECT * FROM sandbox_payment WHERE idempotency_key = :key")
        .param("key", idempotencyKey)
        .query(SandboxPaymentProvider::record)
        .optional();
  }

  @Override
  public List<PaymentRecord> refundsOf(String chargeId) {
    return jdbc.sql("SELECT * FROM sandbox_payment WHERE charge_id = :charge ORDER BY created_at")
        .param("charge", chargeId)
        .query(SandboxPaymentProvider::record)
        .list();
  }

  @Override
  public List<PaymentRecord> records() {
    return jdbc.sql("SELECT * FROM sandbox_payment ORDER BY created_at, payment_id")
        .query(SandboxPaymentProvider::record)
        .list();
  }

  /**
   * A charge made outside amends — by another system, or by hand in the provider's dashboard —
   * under a key of the caller's choosing (a fresh one when null). No ledger entry explains it.
   */
  public PaymentRecord chargeOutsideAmends(
      String orderId, String idempotencyKey, long amountMinor, String currency) {
    String key = idempotencyKey != null ? idempotencyKey : "outside/" + UUID.randomUUID();
    insert(
        new Payment(
            References.of("ch", key),
            key,
            orderId,
            PaymentRecord.CHARGE,
            null,
            "tok_outside",
            amountMinor,
            currency));
    return find(key).orElseThrow();
  }

  private static Refund refundOf(Payment refund) {
    return new Refund(UndoOutcome.UNDONE, refund.paymentId(), refund.amountMinor());
  }

  public Optional<Payment> byKey(String idempotencyKey) {
    return jdbc.sql("SELECT * FROM sandbox_payment WHERE idempotency_key = :key")
        .param("key", idempotencyKey)
        .query(SandboxPaymentProvider::payment)
        .optional();
  }

  public List<Payment> forOrder(String orderId) {
    return jdbc.sql("SELECT * FROM sandbox_payment WHERE order_id = :order ORDER BY created_at")
        .param("order", orderId)
        .query(SandboxPaymentProvider::payment)
        .list();
  }

  private Payment insert(Payment p) {
    try {
      jdbc.sql(
              """
              INSERT INTO sandbox_payment (payment_id, idempotency_key, order_id, kind, charge_id,
                card_token, amount_minor, currency, created_at)
              VALUES (:id, :key, :order, :kind, :charge, :card, :amount, :currency, :now)
              """)
          .param("id", p.paymentId())
          .param("key", p.idempotencyKey())
          .param("order", p.orderId())
          .param("kind", p.kind())
          .param("charge", p.chargeId())
          .param("card", p.cardToken())
          .param("amount", p.amountMinor())
          .param("currency", p.currency())
          .param("now", Timestamp.from(Instant.now()))
          .update();
      return p;
    } catch (DuplicateKeyException raced) {
      return byKey(p.idempotencyKey()).orElseThrow();
    }
  }

  private static PaymentRecord record(java.sql.ResultSet rs, int row) throws java.sql.SQLException {
    return new PaymentRecord(
        rs.getString("payment_id"),
        rs.getString("idempotency_key"),
        rs.getString("order_id"),
        rs.getString("kind"),
        rs.getString("charge_id"),
        rs.getLong("amount_minor"),
        rs.getString("currency"),
        rs.getObject("created_at", java.time.OffsetDateTime.class).toInstant());
  }

  private static Payment payment(java.sql.ResultSet rs, int row) throws java.sql.SQLException {
    return new Payment(
        rs.getString("payment_id"),
        rs.getString("idempotency_key"),
        rs.getString("order_id"),
        rs.getString("kind"),
        rs.getString("charge_id"),
        rs.getString("card_token"),
        rs.getLong("amount_minor"),
        rs.getString("currency"));
  }
}
