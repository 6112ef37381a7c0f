package dev.amends.app.reconcile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.amends.activities.db.TestDatabase;
import dev.amends.activities.escalation.EscalationRecord;
import dev.amends.activities.ledger.EntryDraft;
import dev.amends.activities.ledger.EntryPhase;
import dev.amends.activities.ledger.LedgerEntry;
import dev.amends.activities.ledger.LedgerForgery;
import dev.amends.app.order.StepRequests.ChargeCard;
import dev.amends.app.order.StepRequests.Undo;
import dev.amends.app.payment.PaymentRecord;
import dev.amends.saga.SagaState;
import dev.amends.saga.SagaStatus;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Each kind of drift between the effect ledger and the payment provider, injected on purpose, and
 * the reconciler converging: it settles what it can forward only, escalates the rest, and a second
 * run changes nothing. On the embedded H2 (ReconcilerConvergenceH2Test, in ./mvnw verify) and on
 * PostgreSQL (ReconcilerConvergencePostgresIT, in the integration suite).
 */
abstract class ReconcilerConvergenceContract {
  private ReconcilerFixture f;

  abstract TestDatabase.Vendor vendor();

  @BeforeEach
  void setUp() {
    f = new ReconcilerFixture(vendor());
  }

  @AfterEach
  void tearDown() throws Exception {
    f.close();
  }

  private static ChargeCard charge(String order, String card, long amount) {
    return new ChargeCard(order, "order-" + order + "/chargeCard", card, amount, "EUR");
  }

  private static Undo refund(String order) {
    String doKey = "order-" + order + "/chargeCard";
    return new Undo(order, doKey, doKey + "/undo");
  }

  /** What a completed and a compensated order leave behind, and a declined one. */
  private void ordinaryBooks() {
    f.payments.charge("order-done", charge("done", "tok_visa", 2598));
    f.payments.charge("order-undone", charge("undone", "tok_visa", 1299));
    f.payments.refund("order-undone", refund("undone"));
    assertThatThrownBy(
            () -> f.payments.charge("order-declined", charge("declined", "tok_declined", 500)))
        .isNotNull();
    f.payments.refund("order-declined", refund("declined"));
  }

  /** Runs once more and checks that nothing moved: no entry, no payment, no new escalation. */
  private void aSecondRunChangesNothing() {
    long entries = f.ledgerEntries();
    long records = f.providerRecords();
    int escalations = f.escalations.list(false).size();

    ReconcileReport again = f.reconcile();

    assertThat(again.changedAnything()).as(again.toString()).isFalse();
    assertThat(f.ledgerEntries()).isEqualTo(entries);
    assertThat(f.providerRecords()).isEqualTo(records);
    assertThat(f.escalations.list(false)).hasSize(escalations);
    assertThat(f.verifier.verify().intact()).isTrue();
  }

  private List<String> kinds(ReconcileReport report) {
    return report.survey().drifts().stream().map(d -> d.kind().name()).toList();
  }

  private List<String> actions(ReconcileReport report) {
    return report.actions().stream().map(a -> a.action().name()).toList();
  }

  @Test
  void booksThatAgreeNeedNothing() {
    ordinaryBooks();
    long entries = f.ledgerEntries();

    ReconcileReport report = f.reconcile();

    assertThat(report.status()).isEqualTo("DONE");
    assertThat(report.chain().intact()).isTrue();
    assertThat(report.chain().entriesChecked()).isEqualTo(entries);
    assertThat(report.survey().drifts()).isEmpty();
    assertThat(report.survey().consistent()).isEqualTo(3);
    assertThat(report.actions()).isEmpty();
    assertThat(f.ledgerEntries()).isEqualTo(entries);
    assertThat(f.runs.latest()).contains(report);
  }

  @Test
  void aChargeMadeOutsideAmendsIsRefundedAndBothAreRecorded() {
    ordinaryBooks();
    PaymentRecord outside = f.provider.chargeOutsideAmends("manual-7", null, 4200, "USD");

    ReconcileReport report = f.reconcile();

    assertThat(kinds(report)).containsExactly("UNEXPLAINED_CHARGE");
    assertThat(actions(report)).containsExactly("REFUNDED");
    List<PaymentRecord> held =
        f.provider.records().stream()
            .filter(
                r ->
                    r.paymentId().equals(outside.paymentId())
                        || outside.paymentId().equals(r.chargeId()))
            .toList();
    assertThat(held).extracting(PaymentRecord::kind).containsExactly("CHARGE", "REFUND");
    List<LedgerEntry> story = f.ledger.storyOf(outside.idempotencyKey());
    assertThat(story)
        .extracting(e -> e.kind() + ":" + e.phase() + ":" + e.amountMinor() + ":" + e.currency())
        .containsExactly(
            "EFFECT:OBSERVED:4200:USD",
            "CORRECTION:INTENDED:4200:USD",
            "CORRECTION:CONFIRMED:4200:USD");
    assertThat(story.get(1).correctsSeq()).isEqualTo(story.get(0).seq());
    assertThat(report.actions().get(0).ledgerSeqs())
        .containsExactlyElementsOf(story.stream().map(LedgerEntry::seq).toList());
    aSecondRunChangesNothing();
  }

  @Test
  void aCrashBetweenTheProviderCallAndTheLedgerWriteIsRefundedOnceTheSagaIsGone() {
    // The saga recorded its intent and charged, then died before it recorded the outcome, and no
    // retry will come (the workflow was terminated).
    f.ledger.append(
        EntryDraft.effect(
            "order-crash",
            "chargeCard",
            "payment-provider",
            "order-crash/chargeCard",
            EntryPhase.INTENDED,
            null,
            700,
            "EUR"));
    f.provider.charge(charge("crash", "tok_visa", 700));

    ReconcileReport report = f.reconcile();

    assertThat(kinds(report)).containsExactly("UNEXPLAINED_CHARGE");
    assertThat(actions(report)).containsExactly("REFUNDED");
    assertThat(f.ledger.storyOf("order-crash/chargeCard"))
        .extracting(e -> e.sagaId() + ":" + e.kind() + ":" + e.phase())
        .containsExactly(
            "order-crash:EFFECT:INTENDED", "order-crash:EFFECT:OBSERVED",
            "order-crash:CORRECTION:INTENDED", "order-crash:CORRECTION:CONFIRMED");
    aSecondRunChangesNothing();
  }

  @Test
  void aChargeWhoseSagaStillRunsIsLeftToTheSaga_untilTheSagaIsGone() {
    f.ledger.append(
        EntryDraft.effect(
            "order-inflight",
            "chargeCard",
            "payment-provider",
            "order-inflight/chargeCard",
            EntryPhase.INTENDED,
            null,
            900,
            "EUR"));
    f.provider.charge(charge("inflight", "tok_visa", 900));
    HeldOpenSaga saga = f.startHeldOpen("order-inflight");

    ReconcileReport whileRunning = f.reconcile();
    assertThat(whileRunning.survey().inFlight()).isEqualTo(1);
    assertThat(whileRunning.survey().drifts()).isEmpty();
    assertThat(f.provider.records()).hasSize(1);

    try {
      saga.release();
    } catch (RuntimeException e) {
      throw new AssertionError(
          "the stand-in saga closed before it was released: "
              + f.client.fetchHistory("order-inflight").toJson(true),
          e);
    }
    awaitClosed("order-inflight");
    ReconcileReport after = f.reconcile();
    assertThat(actions(after)).containsExactly("REFUNDED");
  }

  @Test
  void aRefundTheProviderLostIsMadeAgainUnderItsOwnKey() {
    ordinaryBooks();
    f.jdbc
        .sql("DELETE FROM sandbox_payment WHERE kind = 'REFUND' AND order_id = 'undone'")
        .update();

    ReconcileReport report = f.reconcile();

    assertThat(kinds(report)).containsExactly("MISSING_REFUND");
    assertThat(actions(report)).containsExactly("REFUND_REISSUED");
    assertThat(f.provider.find("order-undone/chargeCard/undo")).isPresent();
    assertThat(f.ledger.forCall("order-undone/chargeCard/undo"))
        .extracting(LedgerEntry::phase)
        .containsExactly(EntryPhase.INTENDED, EntryPhase.CONFIRMED, EntryPhase.REISSUED);
    aSecondRunChangesNothing();
  }

  @Test
  void aRefundTheLedgerIntendedButNeverMadeIsMade() {
    f.payments.charge("order-halfway", charge("halfway", "tok_visa", 1500));
    LedgerEntry charged = f.ledger.forCall("order-halfway/chargeCard").get(1);
    // The refund's intent was recorded, then its saga was terminated before it called the provider.
    f.ledger.append(
        EntryDraft.correction(
            charged, "order-halfway/chargeCard/undo", EntryPhase.INTENDED, null, 1500));

    ReconcileReport report = f.reconcile();

    assertThat(actions(report)).containsExactly("REFUND_REISSUED");
    assertThat(f.ledger.forCall("order-halfway/chargeCard/undo"))
        .extracting(LedgerEntry::phase)
        .containsExactly(EntryPhase.INTENDED, EntryPhase.CONFIRMED);
    assertThat(f.provider.find("order-halfway/chargeCard/undo"))
        .hasValueSatisfying(r -> assertThat(r.amountMinor()).isEqualTo(1500));
    aSecondRunChangesNothing();
  }

  @Test
  void aRefundMadeOutsideAmendsIsRecordedAsObserved() {
    f.payments.charge("order-dash", charge("dash", "tok_visa", 800));
    // Someone refunded it by hand in the provider's dashboard.
    f.provider.refund(new Undo("dash", "order-dash/chargeCard", "dashboard/refund-1"));

    ReconcileReport report = f.reconcile();

    assertThat(kinds(report)).containsExactly("LEDGER_GAP");
    assertThat(actions(report)).containsExactly("LEDGER_COMPLETED");
    assertThat(f.ledger.storyOf("order-dash/chargeCard"))
        .extracting(e -> e.kind() + ":" + e.phase() + ":" + e.callKey())
        .containsExactly(
            "EFFECT:INTENDED:order-dash/chargeCard",
            "EFFECT:CONFIRMED:order-dash/chargeCard",
            "CORRECTION:OBSERVED:dashboard/refund-1");
    aSecondRunChangesNothing();
  }

  @Test
  void anAmountMismatchIsEscalatedOnce_andAWriteOffIsRecordedAndRespected() {
    ordinaryBooks();
    f.jdbc.sql("UPDATE sandbox_payment SET amount_minor = 3098 WHERE order_id = 'done'").update();

    ReconcileReport report = f.reconcile();

    assertThat(kinds(report)).containsExactly("AMOUNT_MISMATCH");
    assertThat(actions(report)).containsExactly("ESCALATED");
    String escalation = report.actions().get(0).escalationWorkflowId();
    assertThat(report.survey().drifts().get(0).detail())
        .contains("25.98 EUR")
        .contains("30.98 EUR");
    SagaState state = awaitOperator(escalation);
    assertThat(state.openEscalations()).hasSize(1);
    assertThat(state.openEscalations().get(0).runbook()).isEqualTo("docs/runbooks/ledger-drift.md");
    awaitListed(escalation);

    ReconcileReport again = f.reconcile();
    assertThat(actions(again)).containsExactly("ALREADY_ESCALATED");
    assertThat(f.escalations.list(false)).hasSize(1);

    decide(escalation, "reconcile-1", "ACCEPT_LOSS", "customer kept the 5.00 EUR difference");
    assertThat(f.escalations.list(true))
        .singleElement()
        .satisfies(e -> assertThat(e.awaitsApproval()).isTrue());
    approve(escalation, "reconcile-1", "bo");
    assertThat(f.ledger.storyOf("order-done/chargeCard"))
        .last()
        .satisfies(
            e -> {
              assertThat(e.phase()).isEqualTo(EntryPhase.WRITTEN_OFF);
              assertThat(e.note()).contains("ana, approved by bo").contains("5.00 EUR difference");
            });
    ReconcileReport settled = f.reconcile();
    assertThat(settled.survey().drifts()).isEmpty();
    assertThat(settled.survey().settledByOperator()).isEqualTo(1);
    aSecondRunChangesNothing();
  }

  @Test
  void anUnknownCurrencyIsEscalated_andAManualResolutionIsRecordedWithTheChargeItSettles() {
    PaymentRecord odd = f.provider.chargeOutsideAmends("odd-1", null, 100, "ZZZ");

    ReconcileReport report = f.reconcile();

    assertThat(kinds(report)).containsExactly("UNKNOWN_CURRENCY");
    assertThat(actions(report)).containsExactly("ESCALATED");
    assertThat(f.provider.records()).hasSize(1);
    String escalation = report.actions().get(0).escalationWorkflowId();
    awaitOperator(escalation);

    decide(
        escalation,
        "reconcile-1",
        "RESOLVED_MANUALLY",
        "voided in the provider's dashboard, ticket 42");
    assertThat(f.ledger.storyOf(odd.idempotencyKey()))
        .extracting(e -> e.kind() + ":" + e.phase() + ":" + e.currency())
        .containsExactly("EFFECT:OBSERVED:ZZZ", "CORRECTION:SETTLED:ZZZ");
    assertThat(f.reconcile().survey().settledByOperator()).isEqualTo(1);
    aSecondRunChangesNothing();
  }

  @Test
  void aChargeTheProviderHasNoRecordOfIsEscalated_andARetryAfterTheFixFindsItGone() {
    ordinaryBooks();
    List<Map<String, Object>> lost =
        f.jdbc.sql("SELECT * FROM sandbox_payment WHERE order_id = 'done'").query().listOfRows();
    f.jdbc.sql("DELETE FROM sandbox_payment WHERE order_id = 'done'").update();

    ReconcileReport report = f.reconcile();
    assertThat(kinds(report)).containsExactly("LEDGER_WITHOUT_PROVIDER");
    String escalation = report.actions().get(0).escalationWorkflowId();
    awaitOperator(escalation);

    // The operator has the provider restore its record, then asks for a retry.
    f.provider.charge(
        charge("done", "tok_visa", ((Number) lost.get(0).get("amount_minor")).longValue()));
    decide(escalation, "reconcile-1", "RETRY", null);
    assertThat(
            f.client.newUntypedWorkflowStub(escalation).getResult(DriftSettlement.class).outcome())
        .isEqualTo("NO_LONGER_DRIFTING");
    assertThat(f.reconcile().survey().drifts()).isEmpty();
  }

  @Test
  void aRefundThatKeepsFailingIsEscalated_andARetryAfterHealingFixesIt() {
    // A charge no saga explains, on a card whose refunds fail until the fault is healed.
    f.provider.charge(charge("stuck", "tok_refund_blocked", 600));

    ReconcileReport report = f.reconcile();

    assertThat(kinds(report)).containsExactly("UNEXPLAINED_CHARGE");
    assertThat(actions(report)).containsExactly("ESCALATED");
    assertThat(report.actions().get(0).detail())
        .contains("the fix failed")
        .contains("UNDO_BLOCKED");
    String escalation = report.actions().get(0).escalationWorkflowId();
    awaitOperator(escalation);

    f.faults.heal("payments", "stuck");
    decide(escalation, "reconcile-1", "RETRY", null);
    assertThat(
            f.client.newUntypedWorkflowStub(escalation).getResult(DriftSettlement.class).outcome())
        .isEqualTo("FIXED");
    assertThat(
            f.provider.find(
                "reconcile/"
                    + f.provider.find("order-stuck/chargeCard").orElseThrow().paymentId()
                    + "/refund"))
        .isPresent();
    aSecondRunChangesNothing();
  }

  @Test
  void aBrokenChainStopsTheRunBeforeItActs_evenWhenTheEndWasCutAfterAnEarlierRun() {
    ordinaryBooks();
    ReconcileReport anchoring = f.reconcile();
    assertThat(anchoring.chain().intact()).isTrue();
    long head = anchoring.chain().headSeq();
    f.db.tamper(
        "ledger_entry",
        () -> f.jdbc.sql("DELETE FROM ledger_entry WHERE seq = :seq").param("seq", head).update());
    f.provider.chargeOutsideAmends("while-broken", null, 100, "EUR");

    ReconcileReport report = f.reconcile();

    assertThat(report.status()).isEqualTo("CHAIN_BROKEN");
    assertThat(report.chain().intact()).isFalse();
    // The head the first run recorded, and every entry up to it from the anchor log.
    assertThat(report.chain().anchorsChecked()).isEqualTo(1 + (int) head);
    assertThat(report.chain().problem()).contains("removed from the end");
    assertThat(report.survey()).isNull();
    assertThat(actions(report)).containsExactly("ESCALATED");
    assertThat(report.actions().get(0).escalationWorkflowId()).isEqualTo("drift-ledger-chain");
    assertThat(f.provider.records()).filteredOn(r -> !r.isCharge()).hasSize(1);
  }

  @Test
  void aForgerWhoRewritesTheLedgerAndTheRecordedHeads_isNamedAtTheForgedEntryByTheAnchorLog() {
    ordinaryBooks();
    ReconcileReport anchoring = f.reconcile();
    assertThat(anchoring.chain().intact()).isTrue();
    long head = anchoring.chain().headSeq();
    assertThat(f.anchorLog.lastPublishedSeq()).isEqualTo(head);
    long forged =
        f.jdbc
            .sql("SELECT MIN(seq) FROM ledger_entry WHERE phase = 'CONFIRMED'")
            .query(Long.class)
            .single();

    String forgedHead = LedgerForgery.raiseAmount(f.db, forged, 100);
    f.jdbc.sql("UPDATE reconcile_run SET head_hash = :hash").param("hash", forgedHead).update();
    assertThat(f.verifier.verify(f.runs.anchors()).intact())
        .as("held only to the heads recorded in the database, the forgery passes")
        .isTrue();

    ReconcileReport report = f.reconcile();

    assertThat(report.status()).isEqualTo("CHAIN_BROKEN");
    assertThat(report.chain().brokenAtSeq()).isEqualTo(forged);
    assertThat(report.chain().problem()).contains("anchor");
    assertThat(report.survey()).isNull();
  }

  /** The escalation is recorded (by an activity) just after its workflow says it waits. */
  private void awaitListed(String workflowId) {
    for (int i = 0; i < 100; i++) {
      List<EscalationRecord> open = f.escalations.list(true);
      if (!open.isEmpty()) {
        assertThat(open).extracting(EscalationRecord::sagaId).containsExactly(workflowId);
        return;
      }
      f.env.sleep(java.time.Duration.ofMillis(100));
    }
    throw new AssertionError(workflowId + " was never recorded as an open escalation");
  }

  private void awaitClosed(String workflowId) {
    for (int i = 0; i < 100; i++) {
      if (f.client.newUntypedWorkflowStub(workflowId).describe().getStatus()
          != io.temporal.api.enums.v1.WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_RUNNING) {
        return;
      }
      f.env.sleep(java.time.Duration.ofMillis(100));
    }
    throw new AssertionError(workflowId + " never closed");
  }

  private SagaState awaitOperator(String workflowId) {
    for (int i = 0; i < 100; i++) {
      SagaState state =
          f.client.newUntypedWorkflowStub(workflowId).query("sagaState", SagaState.class);
      if (state.status() == SagaStatus.NEEDS_OPERATOR) {
        return state;
      }
      f.env.sleep(java.time.Duration.ofSeconds(1));
    }
    throw new AssertionError(workflowId + " never waited for an operator");
  }

  private void decide(String workflowId, String escalationId, String action, String note) {
    Map<String, Object> decision = new java.util.HashMap<>();
    decision.put("escalationId", escalationId);
    decision.put("action", action);
    decision.put("operator", "ana");
    if (note != null) {
      decision.put("note", note);
    }
    f.client.newUntypedWorkflowStub(workflowId).signal("resolveEscalation", decision);
    if (action.equals("ACCEPT_LOSS")) {
      // A write-off waits for an approver: it settles nothing yet.
      awaitStatus(workflowId, "AWAITING_APPROVAL");
    } else if (!action.equals("RETRY")) {
      f.client.newUntypedWorkflowStub(workflowId).getResult(DriftSettlement.class);
    }
  }

  private void approve(String workflowId, String escalationId, String approver) {
    f.client
        .newUntypedWorkflowStub(workflowId)
        .signal(
            "resolveEscalation",
            Map.of("escalationId", escalationId, "action", "APPROVE", "operator", approver));
    f.client.newUntypedWorkflowStub(workflowId).getResult(DriftSettlement.class);
  }

  private void awaitStatus(String workflowId, String status) {
    for (int i = 0; i < 100; i++) {
      SagaState state =
          f.client.newUntypedWorkflowStub(workflowId).query("sagaState", SagaState.class);
      if (state.status().name().equals(status)
          && f.escalations.list(true).stream().anyMatch(EscalationRecord::awaitsApproval)) {
        return;
      }
      try {
        Thread.sleep(50);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError(e);
      }
    }
    throw new AssertionError(workflowId + " never reached " + status);
  }
}
