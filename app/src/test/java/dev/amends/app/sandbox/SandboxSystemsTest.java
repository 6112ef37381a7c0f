package dev.amends.app.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.amends.app.order.Address;
import dev.amends.app.order.OrderLine;
import dev.amends.app.order.StepRequests.ChargeCard;
import dev.amends.app.order.StepRequests.CreateShipment;
import dev.amends.app.order.StepRequests.ReserveStock;
import dev.amends.app.order.StepRequests.SendConfirmation;
import dev.amends.app.order.StepRequests.Undo;
import dev.amends.saga.UndoOutcome;
import io.temporal.failure.ApplicationFailure;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.jdbc.test.autoconfigure.JdbcTest;
import org.springframework.context.annotation.Import;

/** The sandboxes behave like the real systems they stand for: idempotent, and faultable. */
@JdbcTest
@Import({
  SandboxFaults.class,
  SandboxEffects.class,
  SandboxLatency.class,
  SandboxPaymentProvider.class,
  SandboxStock.class,
  SandboxShipping.class,
  SandboxMail.class
})
class SandboxSystemsTest {
  @SpringBootApplication
  static class Slice {}

  @Autowired SandboxPaymentProvider payments;
  @Autowired SandboxStock stock;
  @Autowired SandboxShipping shipping;
  @Autowired SandboxMail mail;
  @Autowired SandboxFaults faults;

  @Test
  void aRepeatedChargeKeyReturnsTheFirstChargeAndNeverChargesTwice() {
    ChargeCard charge = new ChargeCard("o1", "order-o1/chargeCard", "tok_visa", 1299, "EUR");

    var first = payments.charge(charge);
    var again = payments.charge(charge);

    assertThat(again).isEqualTo(first);
    assertThat(payments.forOrder("o1")).hasSize(1);
  }

  @Test
  void aRefundOfAChargeThatNeverHappenedIsNothingToUndo_andARepeatedRefundRefundsOnce() {
    Undo refund = new Undo("o2", "order-o2/chargeCard", "order-o2/chargeCard/undo");
    assertThat(payments.refund(refund).outcome()).isEqualTo(UndoOutcome.NOTHING_TO_UNDO);

    payments.charge(new ChargeCard("o2", "order-o2/chargeCard", "tok_visa", 500, "EUR"));
    var first = payments.refund(refund);
    assertThat(first.outcome()).isEqualTo(UndoOutcome.UNDONE);
    assertThat(first.refundId()).startsWith("re_");
    assertThat(first.amountMinor()).isEqualTo(500);
    assertThat(payments.refund(refund)).isEqualTo(first);

    assertThat(payments.forOrder("o2"))
        .extracting(p -> p.kind())
        .containsExactly("CHARGE", "REFUND");
  }

  @Test
  void aDeclinedCardIsANonRetryableRefusal() {
    assertThatThrownBy(() -> payments.charge(new ChargeCard("o3", "k3", "tok_declined", 1, "EUR")))
        .isInstanceOfSatisfying(
            ApplicationFailure.class,
            f -> {
              assertThat(f.getType()).isEqualTo("CARD_DECLINED");
              assertThat(f.isNonRetryable()).isTrue();
            });
    assertThat(payments.forOrder("o3")).isEmpty();
  }

  @Test
  void aBlockedRefundFailsRetryablyUntilHealedForThatOrder() {
    payments.charge(new ChargeCard("o4", "order-o4/chargeCard", "tok_refund_blocked", 900, "EUR"));
    Undo refund = new Undo("o4", "order-o4/chargeCard", "order-o4/chargeCard/undo");

    assertThatThrownBy(() -> payments.refund(refund))
        .isInstanceOfSatisfying(
            ApplicationFailure.class,
            f -> {
              assertThat(f.getType()).isEqualTo("UNDO_BLOCKED");
              assertThat(f.isNonRetryable()).isFalse();
            });
    faults.heal("payments", "other-order");
    assertThatThrownBy(() -> payments.refund(refund)).isInstanceOf(ApplicationFailure.class);

    faults.heal("payments", "o4");
    faults.heal("payments", "o4");
    assertThat(payments.refund(refund).outcome()).isEqualTo(UndoOutcome.UNDONE);
  }

  @Test
  void theProvidersRecordsListEveryChargeAndRefund_includingChargesMadeOutsideAmends() {
    payments.charge(new ChargeCard("o5", "order-o5/chargeCard", "tok_visa", 300, "EUR"));
    payments.refund(new Undo("o5", "order-o5/chargeCard", "order-o5/chargeCard/undo"));
    var outside = payments.chargeOutsideAmends("o5-manual", null, 4200, "USD");

    assertThat(payments.records())
        .filteredOn(r -> r.orderId().startsWith("o5"))
        .extracting(r -> r.kind() + ":" + r.amountMinor() + ":" + r.currency())
        .containsExactlyInAnyOrder("CHARGE:300:EUR", "REFUND:300:EUR", "CHARGE:4200:USD");
    String charged = payments.find("order-o5/chargeCard").orElseThrow().paymentId();
    assertThat(payments.refundsOf(charged))
        .singleElement()
        .satisfies(r -> assertThat(r.idempotencyKey()).isEqualTo("order-o5/chargeCard/undo"));
    assertThat(payments.refundsOf(outside.paymentId())).isEmpty();
    assertThat(outside.idempotencyKey()).startsWith("outside/");
    assertThat(payments.find(outside.idempotencyKey())).contains(outside);
  }

  @Test
  void stockShippingAndMailHonourKeysAndTheirTestValues() {
    var reservation =
        stock.reserve(
            new ReserveStock(
                "o5", "order-o5/reserveStock", List.of(new OrderLine("RELEASE-BLOCKED-1", 1))));
    assertThat(stock.reserve(new ReserveStock("o5", "order-o5/reserveStock", List.of())))
        .isEqualTo(reservation);
    Undo release = new Undo("o5", "order-o5/reserveStock", "order-o5/reserveStock/undo");
    assertThatThrownBy(() -> stock.release(release)).isInstanceOf(ApplicationFailure.class);
    faults.heal("stock", "o5");
    assertThat(stock.release(release)).isEqualTo(UndoOutcome.UNDONE);

    assertThatThrownBy(
            () ->
                stock.reserve(
                    new ReserveStock("o6", "k6", List.of(new OrderLine("OUT-OF-STOCK-1", 1)))))
        .hasMessageContaining("no stock");
    Address nowhere = new Address("A", "1 UNDELIVERABLE Rd", "C", "1", "PT");
    assertThatThrownBy(() -> shipping.create(new CreateShipment("o7", "k7", nowhere)))
        .hasMessageContaining("cannot deliver");

    assertThatThrownBy(
            () ->
                mail.sendConfirmation(
                    new SendConfirmation("o8", "order-o8/mail", "lost-ack@x.test", 1, "EUR")))
        .hasMessageContaining("acknowledgement was lost");
    assertThat(mail.sendCancellationNotice(new Undo("o8", "order-o8/mail", "order-o8/mail/undo")))
        .as("the mail left, so a notice must follow")
        .isEqualTo(UndoOutcome.UNDONE);
  }
}
