package dev.amends.activities.escalation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.amends.activities.db.TestDatabase;
import dev.amends.activities.ledger.EffectLedger;
import dev.amends.activities.ledger.EntryDraft;
import dev.amends.activities.ledger.EntryPhase;
import dev.amends.activities.ledger.LedgerEntry;
import dev.amends.saga.Escalation;
import dev.amends.saga.OperatorAction;
import dev.amends.saga.OperatorDecision;
import dev.amends.saga.World;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Closing an escalation is one unit: the ledger's settlement, then the escalation row. A close that
 * fails between them leaves the escalation listed as open, and its retry finishes it without a
 * second settlement.
 */
class ClosingAnEscalationTest {
  private TestDatabase db;
  private EscalationStore store;
  private EffectLedger ledger;
  private boolean ledgerDown;

  @BeforeEach
  void setUp() {
    db = TestDatabase.create(TestDatabase.Vendor.H2);
    store = new JdbcEscalationStore(db.jdbc());
    ledger = new EffectLedger(db.dataSource());
    ledger.append(
        EntryDraft.effect(
            "order-C1",
            "chargeCard",
            "payment-provider",
            "order-C1/chargeCard",
            EntryPhase.CONFIRMED,
            "ch_1",
            900,
            "EUR"));
  }

  @AfterEach
  void tearDown() throws Exception {
    db.close();
  }

  private EscalationActivitiesImpl activities() {
    LedgerSettlements settlements =
        new LedgerSettlements(ledger) {
          @Override
          public Optional<LedgerEntry> record(Escalation settled) {
            if (ledgerDown) {
              throw new IllegalStateException("ledger unavailable");
            }
            return super.record(settled);
          }
        };
    DecisionSources sources =
        new DecisionSources(null) {
          @Override
          public Sources of(Escalation settled) {
            return new Sources(Source.of("amends-api:ana"), null);
          }
        };
    return new EscalationActivitiesImpl(store, Alerts.logOnly(store), settlements, sources);
  }

  @Test
  void givenTheLedgerFailsWhileClosing_theEscalationStaysOpen_andTheRetryClosesItOnce() {
    EscalationActivitiesImpl activities = activities();
    Escalation opened =
        Escalation.opened(
            "chargeCard-1",
            "order-C1",
            "order-fulfilment",
            "chargeCard",
            World.HISTORY,
            "refundCharge",
            "UNDO_BLOCKED",
            5,
            "docs/runbooks/refund-charge.md",
            0,
            900L,
            "EUR");
    activities.open(opened);
    Escalation settled =
        opened.decided(
            new OperatorDecision(
                "chargeCard-1", OperatorAction.RESOLVED_MANUALLY, "ana", "refunded by hand", 10));

    ledgerDown = true;
    assertThatThrownBy(() -> activities.close(settled)).hasMessageContaining("ledger unavailable");
    assertThat(store.list(true)).as("still listed as open").hasSize(1);

    ledgerDown = false;
    activities.close(settled);
    activities.close(settled);

    assertThat(store.list(true)).isEmpty();
    assertThat(store.list(false))
        .singleElement()
        .satisfies(
            e -> {
              assertThat(e.decisionAction()).isEqualTo("RESOLVED_MANUALLY");
              assertThat(e.decisionChannel()).isEqualTo("api");
            });
    assertThat(ledger.forSaga("order-C1"))
        .extracting(LedgerEntry::phase)
        .containsExactly(EntryPhase.CONFIRMED, EntryPhase.SETTLED);
  }
}
