package dev.amends.activities.escalation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.amends.activities.db.TestDatabase;
import dev.amends.activities.ledger.EffectLedger;
import dev.amends.activities.ledger.EntryDraft;
import dev.amends.activities.ledger.EntryPhase;
import dev.amends.activities.ledger.LedgerEntry;
import dev.amends.saga.DecisionRules;
import dev.amends.saga.Escalation;
import dev.amends.saga.OperatorAction;
import dev.amends.saga.OperatorDecision;
import dev.amends.saga.TextRules;
import dev.amends.saga.World;
import dev.amends.saga.WriteOffRequest;
import dev.amends.saga.WriteOffReview;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Assume;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterProperty;
import net.jqwik.api.lifecycle.BeforeProperty;

/**
 * Whatever decision the decision rules accept, the escalation store and the ledger record whole:
 * the longest allowed names and notes, multi-byte text, emoji, right-to-left scripts. Run on H2 and
 * on PostgreSQL, so that no column is narrower than the rules on either.
 */
abstract class DecisionRecordingContract {
  private static final AtomicInteger SAGAS = new AtomicInteger();

  /**
   * Code point ranges a person's text may come from: Latin, accents, Greek, Hebrew, Arabic, CJK,
   * emoji.
   */
  private static final List<int[]> SCRIPTS =
      List.of(
          new int[] {'a', 'z'},
          new int[] {'A', 'Z'},
          new int[] {0x00C0, 0x00FF},
          new int[] {0x0391, 0x03C9},
          new int[] {0x05D0, 0x05EA},
          new int[] {0x0627, 0x064A},
          new int[] {0x4E00, 0x4FFF},
          new int[] {0x1F600, 0x1F64F},
          new int[] {0x1F300, 0x1F3FF});

  private TestDatabase db;
  private EscalationStore store;
  private EffectLedger ledger;
  private LedgerSettlements settlements;

  abstract TestDatabase.Vendor vendor();

  @BeforeProperty
  void createDatabase() {
    db = TestDatabase.create(vendor());
    store = new JdbcEscalationStore(db.jdbc());
    ledger = new EffectLedger(db.dataSource());
    settlements = new LedgerSettlements(ledger);
  }

  @AfterProperty
  void dropDatabase() throws Exception {
    db.close();
  }

  @Property(tries = 60)
  void everyAcceptedWriteOffIsRecordedWhole_byTheStoreAndTheLedger(
      @ForAll("ids") String orderId,
      @ForAll("ids") String escalationSuffix,
      @ForAll("names") String requester,
      @ForAll("names") String approver,
      @ForAll("notes") String note,
      @ForAll("notes") String review,
      @ForAll("identities") String identity) {
    String escalationId =
        escalationSuffix.substring(0, Math.min(escalationSuffix.length(), 120)) + "-1";
    DecisionRules.Checked request =
        DecisionRules.check(decision(escalationId, "ACCEPT_LOSS", requester, note));
    DecisionRules.Checked approval =
        DecisionRules.check(decision(escalationId, "APPROVE", approver, review));
    assertThat(request.ok()).as(request.problem()).isTrue();
    assertThat(approval.ok()).as(approval.problem()).isTrue();
    Assume.that(!request.operator().equalsIgnoreCase(approval.operator()));

    String sagaId = "order-" + orderId + "-" + SAGAS.incrementAndGet();
    String callKey = sagaId + "/chargeCard";
    LedgerEntry charge =
        ledger.append(
            EntryDraft.effect(
                sagaId,
                "chargeCard",
                "payment-provider",
                callKey,
                EntryPhase.CONFIRMED,
                "ch_" + SAGAS.get(),
                12_999,
                "EUR"));
    Escalation opened =
        Escalation.opened(
            escalationId,
            sagaId,
            "order-fulfilment",
            "chargeCard",
            World.HISTORY,
            "refundCharge",
            "UNDO_BLOCKED: refund refused",
            5,
            "docs/runbooks/refund-charge.md",
            1_000,
            12_999L,
            "EUR");
    store.open(opened);

    WriteOffRequest requested =
        WriteOffRequest.requested(request.operator(), request.note(), 2_000);
    Escalation waiting = opened.withWriteOff(requested);
    store.recordWriteOff(waiting);
    Escalation approved =
        waiting
            .withReviewedWriteOff(
                requested.reviewed(
                    approval.operator(), WriteOffReview.APPROVE, approval.note(), 3_000))
            .decided(
                new OperatorDecision(
                    escalationId,
                    OperatorAction.ACCEPT_LOSS,
                    request.operator(),
                    request.note(),
                    3_000,
                    approval.operator()));
    DecisionSources.Sources from =
        new DecisionSources.Sources(
            DecisionSources.Source.of(identity),
            DecisionSources.Source.of("amends-api:" + approver));
    LedgerEntry settlement = settlements.record(approved).orElseThrow();
    store.close(approved, from);

    EscalationRecord row =
        store.list(false).stream()
            .filter(r -> r.sagaId().equals(sagaId) && r.escalationId().equals(escalationId))
            .findFirst()
            .orElseThrow();
    assertThat(row.closedAt()).isNotNull();
    assertThat(row.decisionAction()).isEqualTo("ACCEPT_LOSS");
    assertThat(row.decisionOperator()).isEqualTo(request.operator());
    assertThat(row.decisionNote()).isEqualTo(request.note());
    assertThat(row.decisionApprovedBy()).isEqualTo(approval.operator());
    assertThat(row.writeOffState()).isEqualTo("APPROVED");
    assertThat(row.writeOffNote()).isEqualTo(request.note());
    assertThat(row.decisionChannel()).isEqualTo(from.decision().channel());
    assertThat(row.decisionIdentity()).isEqualTo(from.decision().identity());
    assertThat(settlement.phase()).isEqualTo(EntryPhase.WRITTEN_OFF);
    assertThat(settlement.correctsSeq()).isEqualTo(charge.seq());
    assertThat(settlement.note())
        .contains(request.operator())
        .contains(approval.operator())
        .endsWith(request.note());
    assertThat(ledger.byIdempotencyKey(settlement.idempotencyKey())).contains(settlement);
  }

  private static Map<String, Object> decision(
      String id, String action, String operator, String note) {
    return note == null
        ? Map.of("escalationId", id, "action", action, "operator", operator)
        : Map.of("escalationId", id, "action", action, "operator", operator, "note", note);
  }

  @Provide
  Arbitrary<String> ids() {
    return Arbitraries.strings()
        .withChars("abcXYZ019._:-")
        .ofMinLength(1)
        .ofMaxLength(TextRules.MAX_ID)
        .edgeCases(c -> c.add("a".repeat(TextRules.MAX_ID - 10)));
  }

  @Provide
  Arbitrary<String> names() {
    return text(1, TextRules.MAX_NAME, false);
  }

  @Provide
  Arbitrary<String> notes() {
    return text(1, TextRules.MAX_NOTE, true);
  }

  @Provide
  Arbitrary<String> identities() {
    return Combinators.combine(
            Arbitraries.of("amends-api:", "", "temporal-cli:"), text(1, 400, false))
        .as((prefix, rest) -> prefix + rest);
  }

  /** Text from many scripts, within {@code max} UTF-16 units, often filled to exactly the limit. */
  private static Arbitrary<String> text(int min, int max, boolean multiline) {
    Arbitrary<Integer> codePoint =
        Arbitraries.of(SCRIPTS).flatMap(r -> Arbitraries.integers().between(r[0], r[1]));
    Arbitrary<Integer> withBreaks =
        multiline
            ? Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(20, codePoint),
                net.jqwik.api.Tuple.of(1, Arbitraries.of((int) '\n', (int) '\t', (int) ' ')))
            : codePoint;
    Arbitrary<Boolean> fill = Arbitraries.of(true, false);
    return Combinators.combine(withBreaks.list().ofMinSize(min).ofMaxSize(60), fill)
        .as(
            (points, toTheLimit) -> {
              StringBuilder out = new StringBuilder();
              int i = 0;
              while (i < points.size() || (toTheLimit && out.length() < max)) {
                int next = points.get(i % points.size());
                if (out.length() + Character.charCount(next) > max) {
                  break;
                }
                out.appendCodePoint(next);
                i++;
              }
              return out.toString().strip();
            })
        .filter(s -> !s.isEmpty());
  }
}
