package dev.amends.spring.console;

import static org.assertj.core.api.Assertions.assertThat;

import dev.amends.activities.escalation.EscalationRecord;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class InboxRowTest {
  private static final Instant NOW = Instant.parse("2026-11-28T12:00:00Z");
  private static final Duration SLA = Duration.ofMinutes(30);

  @Test
  void givenAnEscalationOpenLongerThanTheSla_itIsLate_andItsAgeIsSaidInWords() {
    InboxRow row = InboxRow.of(record(Duration.ofMinutes(95), null), NOW, SLA);

    assertThat(row.late()).isTrue();
    assertThat(row.age()).isEqualTo("1 h 35 min");
    assertThat(row.waitsFor()).isEqualTo("an operator");
    assertThat(row.link()).isEqualTo("/console/sagas/order-1/escalations/chargeCard-1");
  }

  @Test
  void givenAPendingWriteOff_itWaitsForAnApprover_andWithinTheSlaItIsNotLate() {
    InboxRow row = InboxRow.of(record(Duration.ofMinutes(29), "PENDING"), NOW, SLA);

    assertThat(row.late()).isFalse();
    assertThat(row.age()).isEqualTo("29 min");
    assertThat(row.waitsFor()).isEqualTo("an approver (write-off requested by ana)");
  }

  @Test
  void givenAgesOfEveryScale_theyReadNaturally() {
    assertThat(ConsoleController.Ages.text(Duration.ofSeconds(42))).isEqualTo("42 s");
    assertThat(ConsoleController.Ages.text(Duration.ofHours(50))).isEqualTo("2 d 2 h");
  }

  private static EscalationRecord record(Duration age, String writeOffState) {
    return new EscalationRecord(
        "order-1",
        "chargeCard-1",
        "order-fulfilment",
        "chargeCard",
        "RML-3",
        "refundCharge",
        "refused",
        2,
        "docs/runbooks/refund-charge.md",
        NOW.minus(age),
        1,
        null,
        2598L,
        "EUR",
        writeOffState,
        writeOffState == null ? null : "ana",
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        null);
  }
}
