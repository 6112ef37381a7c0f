package dev.amends.app.ledger;

import dev.amends.activities.ledger.ChainVerification;
import dev.amends.activities.ledger.FileAnchorLog;
import dev.amends.activities.ledger.LedgerAnchor;
import dev.amends.activities.ledger.LedgerVerifier;
import dev.amends.app.reconcile.ReconcileRuns;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * Walks the effect ledger's chain from the command line, without starting the application:
 *
 * <pre>
 * scripts/verify-ledger.sh [--url=JDBC_URL] [--user=U] [--password=P] [--anchor=SEQ:HASH ...]
 *                          [--anchor-log=FILE] [--no-recorded-anchors]
 * </pre>
 *
 * Exits 0 when the chain holds, 1 at the first broken link (printed), 2 on bad arguments or when
 * the database cannot be read. Defaults come from AMENDS_DB_URL, AMENDS_DB_USER and
 * AMENDS_DB_PASSWORD; the heads recorded by recent reconciler runs are checked too, unless told
 * not.
 */
public final class VerifyLedgerCommand {
  private VerifyLedgerCommand() {}

  public static void main(String[] args) {
    System.exit(run(args, System.getenv(), System.out, System.err));
  }

  static int run(String[] args, Map<String, String> env, PrintStream out, PrintStream err) {
    String url = env.getOrDefault("AMENDS_DB_URL", "jdbc:postgresql://127.0.0.1:5432/amends");
    String user = env.getOrDefault("AMENDS_DB_USER", "amends");
    String password = env.getOrDefault("AMENDS_DB_PASSWORD", "amends");
    boolean recordedAnchors = true;
    Path anchorLog = null;
    List<LedgerAnchor> anchors = new ArrayList<>();
    for (String arg : args) {
      if (arg.startsWith("--url=")) {
        url = arg.substring("--url=".length());
      } else if (arg.startsWith("--user=")) {
        user = arg.substring("--user=".length());
      } else if (arg.startsWith("--password=")) {
        password = arg.substring("--password=".length());
      } else if (arg.startsWith("--anchor-log=") && arg.length() > "--anchor-log=".length()) {
        anchorLog = Path.of(arg.substring("--anchor-log=".length()));
      } else if (arg.equals("--no-recorded-anchors")) {
        recordedAnchors = false;
      } else if (arg.startsWith("--anchor=") && arg.matches("--anchor=\\d+:[0-9a-f]{64}")) {
        String[] parts = arg.substring("--anchor=".length()).split(":");
        anchors.add(new LedgerAnchor(Long.parseLong(parts[0]), parts[1]));
      } else {
        err.println("unknown or malformed argument: " + arg);
        err.println(
            "usage: verify-ledger [--url=JDBC_URL] [--user=U] [--password=P] [--anchor=SEQ:SHA256HEX ...]"
                + " [--anchor-log=FILE] [--no-recorded-anchors]");
        return 2;
      }
    }
    try {
      DriverManagerDataSource dataSource = new DriverManagerDataSource(url, user, password);
      if (recordedAnchors) {
        anchors.addAll(new ReconcileRuns(JdbcClient.create(dataSource)).anchors());
      }
      if (anchorLog != null) {
        if (!Files.isRegularFile(anchorLog)) {
          err.println("no anchor log at " + anchorLog);
          return 2;
        }
        anchors.addAll(new FileAnchorLog(anchorLog).anchors());
      }
      ChainVerification chain = new LedgerVerifier(dataSource).verify(anchors);
      out.printf(
          "ledger at %s: %d entries walked, %d anchor(s) checked%n",
          url, chain.entriesChecked(), anchors.size());
      if (chain.intact()) {
        out.printf("INTACT: head entry %d, hash %s%n", chain.headSeq(), chain.headHash());
        return 0;
      }
      out.printf("BROKEN at entry %d: %s%n", chain.brokenAtSeq(), chain.problem());
      out.printf("the chain holds up to entry %d, hash %s%n", chain.headSeq(), chain.headHash());
      return 1;
    } catch (RuntimeException e) {
      err.println("cannot verify the ledger at " + url + ": " + e.getMessage());
      return 2;
    }
  }
}
