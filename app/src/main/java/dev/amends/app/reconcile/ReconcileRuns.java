package dev.amends.app.reconcile;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.amends.activities.ledger.LedgerAnchor;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Finished reconciler runs: their reports, and the chain heads later walks are held to. */
@Repository
public class ReconcileRuns {
  /** How many earlier heads a walk is held to. */
  static final int ANCHORS = 10;

  private final JdbcClient jdbc;
  // Reports are stored as the same JSON as Temporal payloads, not through the web layer's mapper.
  private final ObjectMapper json = new ObjectMapper();

  public ReconcileRuns(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /** Stores a finished report; storing the same run again (an activity retry) changes nothing. */
  public void save(ReconcileReport report) {
    ChainCheck chain = report.chain();
    try {
      jdbc.sql(
              """
              INSERT INTO reconcile_run (run_id, status, started_at, finished_at, chain_intact,
                head_seq, head_hash, drifts_found, actions_taken, report)
              VALUES (:run, :status, :started, :finished, :intact, :seq, :hash, :drifts, :actions,
                :report)
              """)
          .param("run", report.runId())
          .param("status", report.status())
          .param("started", Timestamp.from(Instant.ofEpochMilli(report.startedAtMillis())))
          .param("finished", Timestamp.from(Instant.ofEpochMilli(report.finishedAtMillis())))
          .param("intact", chain.intact())
          .param("seq", chain.headSeq())
          .param("hash", chain.headHash())
          .param("drifts", report.survey() == null ? 0 : report.survey().drifts().size())
          .param("actions", report.actions().size())
          .param("report", toJson(report))
          .update();
    } catch (DuplicateKeyException alreadySaved) {
      // A retried activity: the run is recorded already.
    }
  }

  public Optional<ReconcileReport> latest() {
    return jdbc.sql(
            "SELECT report FROM reconcile_run ORDER BY finished_at DESC, run_id DESC LIMIT 1")
        .query(String.class)
        .optional()
        .map(this::fromJson);
  }

  /** The latest finished runs' reports, newest first. */
  public List<ReconcileReport> recent(int limit) {
    return jdbc
        .sql("SELECT report FROM reconcile_run ORDER BY finished_at DESC, run_id DESC LIMIT :limit")
        .param("limit", limit)
        .query(String.class)
        .list()
        .stream()
        .map(this::fromJson)
        .toList();
  }

  public Optional<ReconcileReport> byRunId(String runId) {
    return jdbc.sql("SELECT report FROM reconcile_run WHERE run_id = :run")
        .param("run", runId)
        .query(String.class)
        .optional()
        .map(this::fromJson);
  }

  /** The heads of the latest runs that found the chain intact. */
  public List<LedgerAnchor> anchors() {
    return jdbc.sql(
            """
            SELECT head_seq, head_hash FROM reconcile_run WHERE chain_intact AND head_seq > 0
            ORDER BY finished_at DESC LIMIT :limit
            """)
        .param("limit", ANCHORS)
        .query((rs, row) -> new LedgerAnchor(rs.getLong(1), rs.getString(2)))
        .list();
  }

  private String toJson(ReconcileReport report) {
    try {
      return json.writeValueAsString(report);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write report " + report.runId(), e);
    }
  }

  private ReconcileReport fromJson(String text) {
    try {
      return json.readValue(text, ReconcileReport.class);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot read a stored reconciler report", e);
    }
  }
}
