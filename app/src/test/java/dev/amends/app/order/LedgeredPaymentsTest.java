package dev.amends.app.order;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.amends.activities.db.TestDatabase;
import dev.amends.activities.ledger.EffectLedger;
import dev.amends.activities.ledger.EntryKind;
import dev.amends.activities.ledger.EntryPhase;
import dev.amends.activities.ledger.LedgerEntry;
import dev.amends.activities.ledger.LedgerVerifier;
import dev.amends.app.AmendsApplication;
import dev.amends.app.order.StepRequests.ChargeCard;
import dev.amends.app.order.StepRequests.Undo;
import dev.amends.app.order.StepResults.Charge;
import dev.amends.app.sandbox.SandboxFaults;
import dev.amends.app.sandbox.SandboxLatency;
import dev.amends.app.sandbox.SandboxPaymentProvider;
import dev.amends.saga.UndoOutcome;
import io.temporal.failure.ApplicationFailure;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The charge step and its refund record intent and outcome in the ledger, exactly once. */
class LedgeredPaymentsTest {
  private static final String SAGA = "order-L1";
  private static final String DO_KEY = SAGA + "/chargeCard";
  private static final String UNDO_KEY = DO_KEY + "/undo";

  private TestDatabase db;
  private EffectLedger ledger;
  private SandboxPaymentProvider provider;
  private SandboxFaults faults;
  private LedgeredPayments payments;

  @BeforeEach
  void setUp() {
    db = TestDatabase.create(TestDatabase.Vendor.H2, AmendsApplication.MIGRATIONS);
    JdbcClient jdbc = db.jdbc();
    faults = new SandboxFaults(jdbc);
    provider = new SandboxPaymentProvider(jdbc, faults, new SandboxLatency(Duration.ZERO));
    ledger = new EffectLedger(db.dataSource());
    payments = new LedgeredPayments(provider, ledger);
  }

  @AfterEach
  void tearDown() throws Exception {
    db.close();
  }

  private static ChargeCard charge(String card) {
    return new ChargeCard("L1", DO_KEY, card, 2598, "EUR");
  }

  private static Undo refund() {
    return new Undo("L1", DO_KEY, UNDO_KEY);
  }

  private List<String> story() {
    return ledger.forSaga(SAGA).stream()
        .map(e -> e.kind() + ":" + e.phase() + ":" + e.amountMinor())
        .toList();
  }

  @Test
  void aChargeRecordsItsIntentBeforeAndItsOutcomeAfter_andARetryAppendsNothing() {
    Charge charged = payments.charge(SAGA, charge("tok_visa"));
    Charge retried = payments.charge(SAGA, charge("tok_visa"));

    assertThat(retried).isEqualTo(charged);
    assertThat(story()).containsExactly("EFFECT:INTENDED:2598", "EFFECT:CONFIRMED:2598");
    LedgerEntry outcome = ledger.forCall(DO_KEY).get(1);
    assertThat(outcome.externalRef()).isEqualTo(charged.chargeId());
    assertThat(outcome.externalSystem()).isEqualTo("payment-provider");
    assertThat(outcome.step()).isEqualTo("chargeCard");
    assertThat(provider.records()).hasSize(1);
  }

  @Test
  void aDeclinedChargeRecordsTheRefusal() {
    assertThatThrownBy(() -> payments.charge(SAGA, charge("tok_declined")))
        .isInstanceOf(ApplicationFailure.class);

    assertThat(story()).containsExactly("EFFECT:INTENDED:2598", "EFFECT:REFUSED:2598");
    assertThat(ledger.forCall(DO_KEY).get(1).note()).contains("declined");
  }

  @Test
  void aRefundIsACorrectionNamingTheChargeEntry_andARetryAppendsNothing() {
    payments.charge(SAGA, charge("tok_visa"));
    LedgerEntry confirmed = ledger.forCall(DO_KEY).get(1);

    assertThat(payments.refund(SAGA, refund())).isEqualTo(UndoOutcome.UNDONE);
    assertThat(payments.refund(SAGA, refund())).isEqualTo(UndoOutcome.UNDONE);

    assertThat(story())
        .containsExactly(
            "EFFECT:INTENDED:2598", "EFFECT:CONFIRMED:2598",
            "CORRECTION:INTENDED:2598", "CORRECTION:CONFIRMED:2598");
    assertThat(ledger.forCall(UNDO_KEY))
        .allSatisfy(c -> assertThat(c.correctsSeq()).isEqualTo(confirmed.seq()));
    assertThat(ledger.forCall(UNDO_KEY).get(1).externalRef()).startsWith("re_");
    assertThat(new LedgerVerifier(db.dataSource()).verify().intact()).isTrue();
  }

  @Test
  void aRefundOfAChargeThatNeverHappenedRecordsThatThereWasNothingToCorrect() {
    assertThatThrownBy(() -> payments.charge(SAGA, charge("tok_declined")))
        .isInstanceOf(ApplicationFailure.class);

    assertThat(payments.refund(SAGA, refund())).isEqualTo(UndoOutcome.NOTHING_TO_UNDO);

    assertThat(story())
        .containsExactly(
            "EFFECT:INTENDED:2598", "EFFECT:REFUSED:2598",
            "CORRECTION:INTENDED:2598", "CORRECTION:NONE:0");
  }

  @Test
  void aRefundOfACallTheLedgerNeverHeardOfAppendsNothingWhenTheProviderHoldsNothing() {
    assertThat(payments.refund(SAGA, refund())).isEqualTo(UndoOutcome.NOTHING_TO_UNDO);
    assertThat(story()).isEmpty();
  }

  @Test
  void aChargeTheProviderHeldWithoutALedgerEntryIsRecordedAsObservedWhenRefunded() {
    provider.charge(charge("tok_visa"));

    assertThat(payments.refund(SAGA, refund())).isEqualTo(UndoOutcome.UNDONE);

    assertThat(story()).containsExactly("EFFECT:OBSERVED:2598", "CORRECTION:CONFIRMED:2598");
  }

  @Test
  void aBlockedRefundLeavesItsIntentOpenUntilARetrySucceeds() {
    payments.charge(SAGA, charge("tok_refund_blocked"));

    assertThatThrownBy(() -> payments.refund(SAGA, refund()))
        .isInstanceOf(ApplicationFailure.class);
    assertThatThrownBy(() -> payments.refund(SAGA, refund()))
        .isInstanceOf(ApplicationFailure.class);
    assertThat(ledger.forCall(UNDO_KEY))
        .extracting(LedgerEntry::phase)
        .containsExactly(EntryPhase.INTENDED);

    faults.heal("payments", "L1");
    assertThat(payments.refund(SAGA, refund())).isEqualTo(UndoOutcome.UNDONE);
    assertThat(ledger.forCall(UNDO_KEY))
        .extracting(LedgerEntry::phase)
        .containsExactly(EntryPhase.INTENDED, EntryPhase.CONFIRMED);
    assertThat(ledger.forSaga(SAGA)).filteredOn(e -> e.kind() == EntryKind.CORRECTION).hasSize(2);
  }
}
