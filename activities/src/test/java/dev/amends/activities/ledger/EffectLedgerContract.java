package dev.amends.activities.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.amends.activities.db.TestDatabase;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * What the effect ledger guarantees, on whichever database a subclass names: the embedded H2 of the
 * default profile (EffectLedgerH2Test, in ./mvnw verify) and PostgreSQL of the real profile
 * (EffectLedgerPostgresIT, in the integration suite).
 */
abstract class EffectLedgerContract {
  private TestDatabase db;
  private EffectLedger ledger;
  private LedgerVerifier verifier;

  abstract TestDatabase.Vendor vendor();

  @BeforeEach
  void freshLedger() {
    db = TestDatabase.create(vendor());
    ledger = new EffectLedger(db.dataSource());
    verifier = new LedgerVerifier(db.dataSource());
  }

  @AfterEach
  void dropLedger() throws Exception {
    db.close();
  }

  static EntryDraft charge(String saga, EntryPhase phase, long amount) {
    return EntryDraft.effect(
        saga,
        "chargeCard",
        "payment-provider",
        saga + "/chargeCard",
        phase,
        phase == EntryPhase.INTENDED ? null : "ch_" + saga,
        amount,
        "EUR");
  }

  @Test
  void appendsFormOneChainFromTheGenesisHash() {
    LedgerEntry intent = ledger.append(charge("order-1", EntryPhase.INTENDED, 1299));
    LedgerEntry outcome = ledger.append(charge("order-1", EntryPhase.CONFIRMED, 1299));
    LedgerEntry refund =
        ledger.append(
            EntryDraft.correction(
                outcome, "order-1/chargeCard/undo", EntryPhase.CONFIRMED, "re_1", 1299));

    assertThat(List.of(intent.seq(), outcome.seq(), refund.seq())).containsExactly(1L, 2L, 3L);
    assertThat(intent.prevHash()).isEqualTo(ChainHash.GENESIS);
    assertThat(outcome.prevHash()).isEqualTo(intent.hash());
    assertThat(refund.prevHash()).isEqualTo(outcome.hash());
    assertThat(refund.correctsSeq()).isEqualTo(2L);
    assertThat(ledger.forCall("order-1/chargeCard")).containsExactly(intent, outcome);
    ChainVerification verification = verifier.verify();
    assertThat(verification.intact()).isTrue();
    assertThat(verification.entriesChecked()).isEqualTo(3);
    assertThat(verification.headHash()).isEqualTo(refund.hash());
  }

  @Test
  void anEmptyLedgerIsIntactWithTheGenesisHashAsItsHead() {
    ChainVerification verification = verifier.verify();
    assertThat(verification.intact()).isTrue();
    assertThat(verification.headSeq()).isZero();
    assertThat(verification.headHash()).isEqualTo(ChainHash.GENESIS);
  }

  @Test
  void aRetriedAppendReturnsTheStoredEntryAndAppendsNothing() {
    LedgerEntry first = ledger.append(charge("order-2", EntryPhase.INTENDED, 500));
    LedgerEntry again = ledger.append(charge("order-2", EntryPhase.INTENDED, 500));
    // Another appender (another process) retrying the same append finds it too.
    LedgerEntry elsewhere =
        new EffectLedger(db.dataSource()).append(charge("order-2", EntryPhase.INTENDED, 500));

    assertThat(again).isEqualTo(first);
    assertThat(elsewhere).isEqualTo(first);
    assertThat(count()).isEqualTo(1);
  }

  @Test
  void aKeyReusedForADifferentFactIsRefusedAndNothingIsAppended() {
    ledger.append(charge("order-3", EntryPhase.INTENDED, 500));

    assertThatThrownBy(() -> ledger.append(charge("order-3", EntryPhase.INTENDED, 999)))
        .hasMessageContaining("already names a different entry");
    assertThat(count()).isEqualTo(1);
  }

  @Test
  void concurrentAppendsFromManyThreadsAndTwoProcessesNeverForkOrBreakTheChain() throws Exception {
    // Two appenders stand for two worker processes sharing one database.
    List<EffectLedger> appenders = List.of(ledger, new EffectLedger(db.dataSource()));
    int threads = 8;
    int perThread = 150;
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    CountDownLatch start = new CountDownLatch(1);
    List<Future<List<LedgerEntry>>> results = new ArrayList<>();
    for (int t = 0; t < threads; t++) {
      EffectLedger appender = appenders.get(t % 2);
      int thread = t;
      Callable<List<LedgerEntry>> work =
          () -> {
            start.await();
            List<LedgerEntry> mine = new ArrayList<>();
            for (int i = 0; i < perThread; i++) {
              mine.add(
                  appender.append(charge("order-t" + thread + "-" + i, EntryPhase.INTENDED, i)));
              // Every thread also retries one shared append: it must land exactly once.
              mine.add(appender.append(charge("order-shared-" + i, EntryPhase.INTENDED, i)));
            }
            return mine;
          };
      results.add(pool.submit(work));
    }
    start.countDown();
    Set<Long> seqs = new HashSet<>();
    for (Future<List<LedgerEntry>> result : results) {
      result.get(2, TimeUnit.MINUTES).forEach(e -> seqs.add(e.seq()));
    }
    pool.shutdown();

    long expected = (long) threads * perThread + perThread;
    assertThat(count()).isEqualTo(expected);
    assertThat(seqs).hasSize((int) expected);
    assertThat(db.jdbc().sql("SELECT MAX(seq) FROM ledger_entry").query(Long.class).single())
        .isEqualTo(expected);
    ChainVerification verification = verifier.verify();
    assertThat(verification.intact()).as(verification.toString()).isTrue();
    assertThat(verification.entriesChecked()).isEqualTo(expected);
  }

  @Test
  void theDatabaseItselfRefusesToUpdateOrDeleteAnEntry() {
    LedgerEntry entry = ledger.append(charge("order-4", EntryPhase.CONFIRMED, 700));
    JdbcClient jdbc = db.jdbc();

    assertThatThrownBy(() -> jdbc.sql("UPDATE ledger_entry SET amount_minor = 1").update())
        .hasMessageContaining("append-only");
    assertThatThrownBy(() -> jdbc.sql("DELETE FROM ledger_entry").update())
        .hasMessageContaining("append-only");
    assertThatThrownBy(() -> jdbc.sql("TRUNCATE TABLE ledger_entry").update()).isNotNull();

    assertThat(ledger.forCall("order-4/chargeCard")).containsExactly(entry);
  }

  @Test
  void anAlteredAmountIsCaughtAtItsEntry() {
    appendFive();
    db.tamper(
        "ledger_entry",
        () -> db.jdbc().sql("UPDATE ledger_entry SET amount_minor = 1 WHERE seq = 3").update());

    ChainVerification verification = verifier.verify();
    assertThat(verification.intact()).isFalse();
    assertThat(verification.brokenAtSeq()).isEqualTo(3);
    assertThat(verification.problem()).contains("hash does not match");
    assertThat(verification.entriesChecked()).isEqualTo(2);
  }

  @Test
  void reorderedEntriesAreCaughtWhereTheOrderChanges() {
    appendFive();
    db.tamper(
        "ledger_entry",
        () -> {
          JdbcClient jdbc = db.jdbc();
          jdbc.sql("UPDATE ledger_entry SET seq = 1000 WHERE seq = 2").update();
          jdbc.sql("UPDATE ledger_entry SET seq = 2 WHERE seq = 3").update();
          jdbc.sql("UPDATE ledger_entry SET seq = 3 WHERE seq = 1000").update();
        });

    ChainVerification verification = verifier.verify();
    assertThat(verification.intact()).isFalse();
    assertThat(verification.brokenAtSeq()).isEqualTo(2);
    assertThat(verification.problem()).contains("previous hash does not match entry 1");
  }

  @Test
  void aDeletedEntryIsCaughtWhereTheChainJumps() {
    appendFive();
    db.tamper(
        "ledger_entry", () -> db.jdbc().sql("DELETE FROM ledger_entry WHERE seq = 2").update());

    ChainVerification verification = verifier.verify();
    assertThat(verification.intact()).isFalse();
    assertThat(verification.brokenAtSeq()).isEqualTo(3);
    assertThat(verification.problem()).contains("sequence gap");
  }

  @Test
  void entriesCutFromTheEndAreCaughtByAnAnchorTakenBefore() {
    appendFive();
    ChainVerification before = verifier.verify();
    LedgerAnchor anchor = new LedgerAnchor(before.headSeq(), before.headHash());
    db.tamper(
        "ledger_entry", () -> db.jdbc().sql("DELETE FROM ledger_entry WHERE seq >= 4").update());

    // Without an anchor a shortened chain is self-consistent: that is what anchors are for.
    assertThat(verifier.verify().intact()).isTrue();
    ChainVerification verification = verifier.verify(List.of(anchor));
    assertThat(verification.intact()).isFalse();
    assertThat(verification.problem()).contains("entries were removed from the end");
  }

  @Test
  void anInsertedEntryIsCaught_evenWhenTheForgerRecomputesEveryLaterHash() {
    appendFive();
    ChainVerification before = verifier.verify();
    LedgerAnchor anchor = new LedgerAnchor(before.headSeq(), before.headHash());

    // A naive forgery: a row slipped in at the end with a made-up hash.
    db.tamper(
        "ledger_entry",
        () ->
            db.jdbc()
                .sql(
                    "INSERT INTO ledger_entry ("
                        + LedgerRows.COLUMNS
                        + ") SELECT seq + 1, saga_id,"
                        + " step, kind, phase, corrects_seq, external_system, external_ref, 1,"
                        + " currency, call_key, idempotency_key || 'x', recorded_at, note, hash,"
                        + " :fake FROM ledger_entry WHERE seq = 5")
                .param("fake", "f".repeat(64))
                .update());
    ChainVerification naive = verifier.verify();
    assertThat(naive.intact()).isFalse();
    assertThat(naive.brokenAtSeq()).isEqualTo(6);

    // A careful forgery: an entry put in the middle, every later entry renumbered and rehashed.
    db.tamper("ledger_entry", () -> rewriteWithForgedEntryAt(3));
    assertThat(verifier.verify().intact()).as("self-consistent after the rewrite").isTrue();
    ChainVerification anchored = verifier.verify(List.of(anchor));
    assertThat(anchored.intact()).isFalse();
    assertThat(anchored.brokenAtSeq()).isEqualTo(anchor.seq());
    assertThat(anchored.problem()).contains("anchor");
  }

  @Test
  void aRaisedAmountWithEveryLaterHashAndTheRecordedHeadRewritten_isNamedAtItsEntryByTheAnchorLog(
      @TempDir Path outside) {
    appendFive();
    AnchorLog log = new FileAnchorLog(outside.resolve("anchors.log"));
    ChainVerification before = verifier.verify();
    assertThat(new AnchorPublisher(ledger, log).publishUpTo(before.headSeq())).isEqualTo(5);

    String forgedHead = LedgerForgery.raiseAmount(db, 3, 100);

    // The forger rewrote the head recorded beside the ledger as well: held to it, all passes.
    LedgerAnchor rewrittenHead = new LedgerAnchor(before.headSeq(), forgedHead);
    assertThat(verifier.verify(List.of(rewrittenHead)).intact()).isTrue();
    ChainVerification held = verifier.verify(log.anchors());
    assertThat(held.intact()).isFalse();
    assertThat(held.brokenAtSeq()).isEqualTo(3);
    assertThat(held.entriesChecked()).isEqualTo(2);
    assertThat(held.problem()).contains("anchor");
  }

  @Test
  void theAnchorLogTakesEachVerifiedEntryOnce() {
    appendFive();
    AnchorLog log = new InMemoryAnchorLog();
    AnchorPublisher publisher = new AnchorPublisher(ledger, log);
    assertThat(publisher.publishUpTo(3)).isEqualTo(3);
    assertThat(publisher.publishUpTo(3)).isZero();
    assertThat(publisher.publishUpTo(5)).isEqualTo(2);
    assertThat(log.anchors()).extracting(LedgerAnchor::seq).containsExactly(1L, 2L, 3L, 4L, 5L);
    assertThat(log.anchors())
        .extracting(LedgerAnchor::hash)
        .containsExactlyElementsOf(
            ledger.hashesBetween(0, 5, 10).stream().map(LedgerAnchor::hash).toList());
  }

  /** An anchor log that keeps what it is given, as a service's own implementation might. */
  private static final class InMemoryAnchorLog implements AnchorLog {
    private final List<LedgerAnchor> anchors = new ArrayList<>();

    @Override
    public List<LedgerAnchor> anchors() {
      return List.copyOf(anchors);
    }

    @Override
    public long lastPublishedSeq() {
      return anchors.isEmpty() ? 0 : anchors.get(anchors.size() - 1).seq();
    }

    @Override
    public void publish(List<LedgerAnchor> more) {
      long last = lastPublishedSeq();
      more.stream().filter(a -> a.seq() > last).forEach(anchors::add);
    }
  }

  private void appendFive() {
    for (int i = 1; i <= 5; i++) {
      ledger.append(charge("order-tamper-" + i, EntryPhase.CONFIRMED, 100L * i));
    }
  }

  /** Rebuilds the chain as a forger with the schema rights and this code would. */
  private void rewriteWithForgedEntryAt(long at) {
    JdbcClient jdbc = db.jdbc();
    List<LedgerEntry> entries =
        jdbc.sql("SELECT * FROM ledger_entry ORDER BY seq").query(LedgerRows::entry).list();
    jdbc.sql("DELETE FROM ledger_entry").update();
    List<EntryDraft> drafts = new ArrayList<>();
    for (LedgerEntry e : entries) {
      if (e.seq() == at) {
        drafts.add(charge("order-forged", EntryPhase.CONFIRMED, 1));
      }
      drafts.add(
          new EntryDraft(
              e.sagaId(),
              e.step(),
              e.kind(),
              e.phase(),
              e.correctsSeq(),
              e.externalSystem(),
              e.externalRef(),
              e.amountMinor(),
              e.currency(),
              e.callKey(),
              e.idempotencyKey(),
              e.note()));
    }
    EffectLedger forger = new EffectLedger(db.dataSource());
    drafts.forEach(forger::append);
  }

  private long count() {
    return db.jdbc().sql("SELECT COUNT(*) FROM ledger_entry").query(Long.class).single();
  }
}
