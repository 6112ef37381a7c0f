package dev.amends.app.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import dev.amends.activities.db.Migrations;
import dev.amends.activities.ledger.EffectLedger;
import dev.amends.activities.ledger.EntryDraft;
import dev.amends.activities.ledger.EntryPhase;
import dev.amends.activities.ledger.FileAnchorLog;
import dev.amends.activities.ledger.LedgerAnchor;
import dev.amends.activities.ledger.LedgerForgery;
import dev.amends.app.AmendsApplication;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/** The command operators run against a ledger: exit code and what it prints. */
class VerifyLedgerCommandTest {
  private String url;
  private JdbcClient jdbc;
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  @BeforeEach
  void ledgerWithThreeEntries() {
    url =
        "jdbc:h2:mem:v"
            + UUID.randomUUID()
            + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DB_CLOSE_DELAY=-1";
    DriverManagerDataSource dataSource = new DriverManagerDataSource(url, "sa", "");
    Flyway.configure()
        .dataSource(dataSource)
        .locations(
            Stream.of(AmendsApplication.MIGRATIONS, Migrations.AMENDS)
                .flatMap(root -> Migrations.locations(root, "h2").stream())
                .toArray(String[]::new))
        .load()
        .migrate();
    jdbc = JdbcClient.create(dataSource);
    EffectLedger ledger = new EffectLedger(dataSource);
    for (int i = 1; i <= 3; i++) {
      ledger.append(
          EntryDraft.effect(
              "order-c" + i,
              "chargeCard",
              "payment-provider",
              "order-c" + i + "/chargeCard",
              EntryPhase.CONFIRMED,
              "ch_" + i,
              100L * i,
              "EUR"));
    }
  }

  private int run(String... args) {
    return VerifyLedgerCommand.run(
        args,
        Map.of(),
        new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8));
  }

  private String printed() {
    return out.toString(StandardCharsets.UTF_8);
  }

  @Test
  void anIntactLedgerExitsZeroAndPrintsItsHead() {
    assertThat(run("--url=" + url, "--user=sa", "--password=")).isZero();
    assertThat(printed()).contains("3 entries walked").contains("INTACT: head entry 3");
  }

  @Test
  void anAlteredEntryExitsOneNamingTheFirstBrokenLink() {
    jdbc.sql("DROP TRIGGER ledger_entry_append_only").update();
    jdbc.sql("UPDATE ledger_entry SET amount_minor = 1 WHERE seq = 2").update();

    assertThat(run("--url=" + url, "--user=sa", "--password=")).isEqualTo(1);
    assertThat(printed()).contains("BROKEN at entry 2").contains("hash does not match");
  }

  @Test
  void anAnchorGivenOnTheCommandLineCatchesACutEnd() {
    String head =
        jdbc.sql("SELECT hash FROM ledger_entry WHERE seq = 3").query(String.class).single();
    jdbc.sql("DROP TRIGGER ledger_entry_append_only").update();
    jdbc.sql("DELETE FROM ledger_entry WHERE seq = 3").update();

    assertThat(run("--url=" + url, "--user=sa", "--password=")).isZero();
    assertThat(run("--url=" + url, "--user=sa", "--password=", "--anchor=3:" + head)).isEqualTo(1);
    assertThat(printed()).contains("removed from the end");
  }

  @Test
  void theAnchorLogNamesAnEntryRewrittenWithEveryLaterHash(@TempDir Path outside) {
    Path anchors = outside.resolve("anchors.log");
    new FileAnchorLog(anchors)
        .publish(
            jdbc.sql("SELECT seq, hash FROM ledger_entry ORDER BY seq")
                .query((rs, row) -> new LedgerAnchor(rs.getLong(1), rs.getString(2)))
                .list());
    jdbc.sql("DROP TRIGGER ledger_entry_append_only").update();
    jdbc.sql("UPDATE ledger_entry SET amount_minor = amount_minor * 100 WHERE seq = 2").update();
    LedgerForgery.rehashFrom(jdbc, 2);

    assertThat(run("--url=" + url, "--user=sa", "--password=")).isZero();
    assertThat(run("--url=" + url, "--user=sa", "--password=", "--anchor-log=" + anchors))
        .isEqualTo(1);
    assertThat(printed()).contains("BROKEN at entry 2").contains("anchor");
    assertThat(run("--url=" + url, "--user=sa", "--password=", "--anchor-log=" + outside))
        .isEqualTo(2);
  }

  @Test
  void badArgumentsOrAnUnreachableDatabaseExitTwoWithTheReason() {
    assertThat(run("--anchor=three")).isEqualTo(2);
    assertThat(err.toString(StandardCharsets.UTF_8)).contains("--anchor=three").contains("usage");
    assertThat(run("--url=jdbc:postgresql://127.0.0.1:1/none", "--user=x", "--password=y"))
        .isEqualTo(2);
    assertThat(err.toString(StandardCharsets.UTF_8)).contains("cannot verify the ledger");
  }
}
