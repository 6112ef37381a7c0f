package dev.amends.app.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.amends.activities.db.TestDatabase;
import dev.amends.activities.ledger.AnchorPublisher;
import dev.amends.activities.ledger.ChainVerification;
import dev.amends.activities.ledger.EffectLedger;
import dev.amends.activities.ledger.EntryDraft;
import dev.amends.activities.ledger.EntryPhase;
import dev.amends.activities.ledger.FileAnchorLog;
import dev.amends.activities.ledger.LedgerForgery;
import dev.amends.activities.ledger.LedgerVerifier;
import dev.amends.app.AmendsApplication;
import dev.amends.app.reconcile.ReconcileRuns;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * On PostgreSQL, migrations run as the schema's owner and the application logs in as a member of
 * amends_application: it keeps the books, and cannot rewrite them. The forgery someone with the
 * owner's rights can still make is named by the anchor log kept outside the database.
 */
class ApplicationRoleIT {
  private TestDatabase owner;
  private DriverManagerDataSource application;
  private JdbcClient app;

  @BeforeEach
  void migrateAsOwner_andLogInAsTheApplication() {
    owner = TestDatabase.create(TestDatabase.Vendor.POSTGRESQL, AmendsApplication.MIGRATIONS);
    String schema = owner.jdbc().sql("SELECT current_schema()").query(String.class).single();
    String url = RealParts.dbUrl();
    application =
        new DriverManagerDataSource(
            url + (url.contains("?") ? "&" : "?") + "currentSchema=" + schema,
            RealParts.appDbUser(),
            RealParts.appDbPassword());
    app = JdbcClient.create(application);
  }

  @AfterEach
  void dropSchema() throws Exception {
    owner.close();
  }

  @Test
  void theApplicationKeepsTheBooks() {
    EffectLedger ledger = new EffectLedger(application);
    appendThree(ledger);
    assertThat(new LedgerVerifier(application).verify().headSeq()).isEqualTo(3);
    app.sql(
            """
            INSERT INTO reconcile_run (run_id, status, started_at, finished_at, chain_intact,
              head_seq, head_hash, drifts_found, actions_taken, report)
            VALUES ('r1', 'OK', now(), now(), true, 3, :hash, 0, 0, '{}')
            """)
        .param("hash", "a".repeat(64))
        .update();
    assertThat(new ReconcileRuns(app).anchors()).hasSize(1);
    app.sql(
            """
            INSERT INTO escalation (saga_id, escalation_id, saga_name, step, world, undo_name,
              error, attempts, runbook, opened_at, alerts_sent, last_alert_at)
            VALUES ('s', 'e', 'Order', 'chargeCard', 'RML-3', 'refund', 'x', 1, 'r', now(), 1, now())
            """)
        .update();
    assertThat(app.sql("UPDATE escalation SET alerts_sent = 2").update()).isEqualTo(1);
  }

  @Test
  void theApplicationRecordsWhoAskedAndWhoVerified() {
    app.sql(
            """
            INSERT INTO story_author (story_id, write_key, asked_by, asked_at)
            VALUES ('s-1', 'edit/u-1', 'editor', CURRENT_TIMESTAMP)
            """)
        .update();
    app.sql(
            """
            INSERT INTO ledger_verification (verification_id, verified_at, verified_by, intact,
              entries_checked, head_seq)
            VALUES ('v-1', CURRENT_TIMESTAMP, 'admin', true, 0, 0)
            """)
        .update();

    assertThat(app.sql("SELECT verified_by FROM ledger_verification").query(String.class).list())
        .containsExactly("admin");
  }

  @Test
  void theApplicationCannotRewriteTheLedger_norLiftTheGuardThatKeepsItAppendOnly() {
    appendThree(new EffectLedger(application));

    assertRefused("UPDATE ledger_entry SET amount_minor = amount_minor * 100 WHERE seq = 2");
    assertRefused("DELETE FROM ledger_entry WHERE seq = 3");
    assertRefused("TRUNCATE ledger_entry");
    assertRefused("ALTER TABLE ledger_entry DISABLE TRIGGER ledger_entry_append_only");
    assertRefused("ALTER TABLE ledger_entry DISABLE TRIGGER ALL");
    assertRefused("DROP TRIGGER ledger_entry_append_only ON ledger_entry");
    assertRefused(
        "CREATE OR REPLACE FUNCTION amends_refuse_rewrite() RETURNS trigger LANGUAGE plpgsql"
            + " AS $$ BEGIN RETURN NEW; END $$");
    assertRefused("DROP TABLE ledger_entry");
    assertRefused("ALTER TABLE ledger_entry OWNER TO " + RealParts.appDbUser());
    assertRefused("UPDATE reconcile_run SET head_hash = 'x'");
    assertRefused("DELETE FROM reconcile_run");
    assertRefused("UPDATE story_event SET kind = 'x'");
    // Who asked for a story write, and who verified the chain: appended, never rewritten.
    assertRefused("UPDATE story_author SET asked_by = 'someone else'");
    assertRefused("DELETE FROM story_author");
    assertRefused("UPDATE ledger_verification SET intact = true");
    assertRefused("DELETE FROM ledger_verification");
    assertRefused("CREATE TABLE intruder (id int)");

    assertThat(
            owner
                .jdbc()
                .sql("SELECT amount_minor FROM ledger_entry ORDER BY seq")
                .query(Long.class)
                .list())
        .containsExactly(100L, 200L, 300L);
  }

  @Test
  void aForgeryWithTheOwnersRights_isNamedAtTheFirstForgedEntryByTheAnchorLog(
      @TempDir Path outside) {
    EffectLedger ledger = new EffectLedger(application);
    appendThree(ledger);
    LedgerVerifier verifier = new LedgerVerifier(application);
    FileAnchorLog log = new FileAnchorLog(outside.resolve("anchors.log"));
    new AnchorPublisher(ledger, log).publishUpTo(verifier.verify().headSeq());

    // Drop the guard, raise one charge a hundredfold, recompute every later hash.
    LedgerForgery.raiseAmount(owner, 2, 100);

    assertThat(verifier.verify().intact()).as("self-consistent after the rewrite").isTrue();
    ChainVerification held = verifier.verify(log.anchors());
    assertThat(held.intact()).isFalse();
    assertThat(held.brokenAtSeq()).isEqualTo(2);
    assertThat(held.problem()).contains("anchor");
  }

  private void assertRefused(String sql) {
    assertThatThrownBy(() -> app.sql(sql).update())
        .as(sql)
        .rootCause()
        .hasMessageMatching("(?s).*(permission denied|must be owner).*");
  }

  private static void appendThree(EffectLedger ledger) {
    for (int i = 1; i <= 3; i++) {
      ledger.append(
          EntryDraft.effect(
              "order-r" + i,
              "chargeCard",
              "payment-provider",
              "order-r" + i + "/chargeCard",
              EntryPhase.CONFIRMED,
              "ch_" + i,
              100L * i,
              "EUR"));
    }
  }
}
