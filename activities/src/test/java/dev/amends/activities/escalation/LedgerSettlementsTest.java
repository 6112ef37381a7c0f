package dev.amends.activities.escalation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.amends.activities.db.TestDatabase;
import dev.amends.activities.ledger.EffectLedger;
import dev.amends.activities.ledger.EntryDraft;
import dev.amends.activities.ledger.EntryKind;
import dev.amends.activities.ledger.EntryPhase;
import dev.amends.activities.ledger.LedgerEntry;
import dev.amends.saga.Escalation;
import dev.amends.saga.OperatorAction;
import dev.amends.saga.OperatorDecision;
import dev.amends.saga.World;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class LedgerSettlementsTest {
  private TestDatabase db;
  private EffectLedger ledger;
  private LedgerSettlements settlements;
  private LedgerEntry charge;

  @BeforeEach
  void setUp() {
    db = TestDatabase.create(TestDatabase.Vendor.H2);
    ledger = new EffectLedger(db.dataSource());
    settlements = new LedgerSettlements(ledger);
    charge =
        ledger.append(
            EntryDraft.effect(
                "order-S1",
                "chargeCard",
                "payment-provider",
                "order-S1/chargeCard",
                EntryPhase.CONFIRMED,
                "ch_1",
                900,
                "EUR"));
  }

  @AfterEach
  void tearDown() throws Exception {
    db.close();
  }

  private static Escalation settled(World world, OperatorAction action) {
    return Escalation.opened(
            "chargeCard-1",
            "order-S1",
            "order-fulfilment",
            "chargeCard",
            world,
            "refundCharge",
            "UNDO_BLOCKED",
            5,
            "docs/runbooks/refund-charge.md",
            0,
            900L,
            "EUR")
        .decided(
            new OperatorDecision(
                "chargeCard-1", action, "ana", "chargeback returned the funds", 10));
  }

  @Test
  void aWriteOffOfAnRml3EffectIsACorrectionWithWhoAndWhy_recordedOnce() {
    LedgerEntry written =
        settlements.record(settled(World.HISTORY, OperatorAction.ACCEPT_LOSS)).orElseThrow();
    settlements.record(settled(World.HISTORY, OperatorAction.ACCEPT_LOSS));

    assertThat(written.kind()).isEqualTo(EntryKind.CORRECTION);
    assertThat(written.phase()).isEqualTo(EntryPhase.WRITTEN_OFF);
    assertThat(written.correctsSeq()).isEqualTo(charge.seq());
    assertThat(written.amountMinor()).isEqualTo(900);
    assertThat(written.note()).contains("ana").contains("chargeCard-1").contains("chargeback");
    assertThat(ledger.forSaga("order-S1")).hasSize(2);
  }

  @Test
  void aManualResolutionIsRecordedAsSettled() {
    assertThat(settlements.record(settled(World.HISTORY, OperatorAction.RESOLVED_MANUALLY)))
        .hasValueSatisfying(e -> assertThat(e.phase()).isEqualTo(EntryPhase.SETTLED));
  }

  @Test
  void retriesAndDialogStepsLeaveTheLedgerAlone() {
    assertThat(settlements.record(settled(World.HISTORY, OperatorAction.RETRY))).isEmpty();
    assertThat(settlements.record(settled(World.DIALOG, OperatorAction.ACCEPT_LOSS))).isEmpty();
    assertThat(ledger.forSaga("order-S1")).containsExactly(charge);
  }
}
