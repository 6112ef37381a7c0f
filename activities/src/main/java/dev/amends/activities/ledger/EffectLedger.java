package dev.amends.activities.ledger;

import dev.amends.saga.metrics.MetricNames;
import io.micrometer.core.instrument.Metrics;
import io.micrometer.core.instrument.Timer;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;
import javax.sql.DataSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The effect ledger: an append-only, hash-chained record of RML-3 effects and their corrections.
 *
 * <p>Guarantees: an append is durable (committed) when it returns; a draft whose idempotency key is
 * stored already returns the stored entry and appends nothing, so an activity retry never appends
 * twice; entries form one chain without gaps or forks even when threads and processes append at
 * once. Two unique constraints make the database refuse a fork (a second entry with the same
 * sequence number, or with the same previous hash); an appender that loses such a race reads the
 * new tail and chains again.
 *
 * <p>Appends arriving while one commits go together into the next transaction (group commit), so
 * many writers share each commit's cost: the first caller to find no write in progress writes
 * everything queued, the others wait for their entry, and when it is done it wakes the next one
 * still waiting to write. A lone caller writes its own entry, as a single autocommitted INSERT.
 */
public class EffectLedger {
  private static final String UNIQUE_VIOLATION = "23505";
  private static final int MAX_BATCH = 512;
  private static final int MAX_CHAIN_RACES = 1_000;

  private final DataSource dataSource;
  private final JdbcClient jdbc;
  private final Clock clock;
  private final ConcurrentLinkedQueue<Pending> queued = new ConcurrentLinkedQueue<>();
  private final ReentrantLock writing = new ReentrantLock();

  /** The chain's last entry as the last writer saw it; null when it must be read again. */
  private Tail tail;

  @Autowired
  public EffectLedger(DataSource dataSource) {
    this(dataSource, Clock.systemUTC());
  }

  public EffectLedger(DataSource dataSource, Clock clock) {
    this.dataSource = dataSource;
    this.jdbc = JdbcClient.create(dataSource);
    this.clock = clock;
  }

  private record Tail(long seq, String hash) {}

  /** Appends the draft, or returns the entry already stored under its idempotency key. */
  public LedgerEntry append(EntryDraft draft) {
    return appendAll(List.of(draft)).get(0);
  }

  /**
   * Appends the drafts in order, in as few transactions as the writer can: a bulk writer's way to
   * share commits. Each is durable when this returns; a draft whose key is stored already returns
   * the stored entry.
   */
  public List<LedgerEntry> appendAll(List<EntryDraft> drafts) {
    Timer.Sample sample = Timer.start();
    List<LedgerEntry> stored = appendQueued(drafts);
    sample.stop(Metrics.timer(MetricNames.LEDGER_APPEND));
    Metrics.counter(MetricNames.LEDGER_APPENDS).increment(drafts.size());
    return stored;
  }

  private List<LedgerEntry> appendQueued(List<EntryDraft> drafts) {
    List<Pending> mine = new ArrayList<>(drafts.size());
    for (EntryDraft draft : drafts) {
      Pending pending = new Pending(draft);
      mine.add(pending);
      queued.add(pending);
    }
    List<LedgerEntry> stored = new ArrayList<>(mine.size());
    for (Pending pending : mine) {
      while (!pending.isSettled()) {
        if (writing.tryLock()) {
          try {
            writeQueued();
          } finally {
            writing.unlock();
          }
          wakeNextWriter();
        } else {
          pending.awaitBriefly();
        }
      }
      stored.add(pending.result());
    }
    return stored;
  }

  public Optional<LedgerEntry> byIdempotencyKey(String idempotencyKey) {
    return select("WHERE idempotency_key = :value", idempotencyKey).stream().findFirst();
  }

  /** Every entry about the external call made under this key, oldest first. */
  public List<LedgerEntry> forCall(String callKey) {
    return select("WHERE call_key = :value ORDER BY seq", callKey);
  }

  /**
   * The whole story of the effect made under {@code callKey}: its entries and every correction that
   * names one of them, oldest first.
   */
  public List<LedgerEntry> storyOf(String callKey) {
    return select(
        """
        WHERE call_key = :value OR corrects_seq IN
          (SELECT seq FROM ledger_entry WHERE call_key = :value AND kind = 'EFFECT')
        ORDER BY seq
        """,
        callKey);
  }

  public List<LedgerEntry> forSaga(String sagaId) {
    return select("WHERE saga_id = :value ORDER BY seq", sagaId);
  }

  /** Every entry about one external system, oldest first: what the reconciler compares. */
  public List<LedgerEntry> forSystem(String externalSystem) {
    return select("WHERE external_system = :value ORDER BY seq", externalSystem);
  }

  /**
   * The hashes of entries {@code after < seq <= upTo}, oldest first, at most {@code limit}: what an
   * {@link AnchorLog} publishes.
   */
  public List<LedgerAnchor> hashesBetween(long after, long upTo, int limit) {
    return jdbc.sql(
            "SELECT seq, hash FROM ledger_entry WHERE seq > :after AND seq <= :upTo ORDER BY seq"
                + " LIMIT :limit")
        .param("after", after)
        .param("upTo", upTo)
        .param("limit", limit)
        .query((rs, row) -> new LedgerAnchor(rs.getLong(1), rs.getString(2)))
        .list();
  }

  /** The newest entries, newest first. */
  public List<LedgerEntry> latest(int limit) {
    return select("ORDER BY seq DESC LIMIT :value", limit);
  }

  private List<LedgerEntry> select(String condition, Object value) {
    return jdbc.sql("SELECT * FROM ledger_entry " + condition)
        .param("value", value)
        .query(LedgerRows::entry)
        .list();
  }

  /**
   * The effect entry that tells what happened under {@code callKey}: the latest one that records
   * the effect happened, else its intent; empty when the ledger never heard of the call.
   */
  public Optional<LedgerEntry> effectOf(String callKey) {
    List<LedgerEntry> entries = forCall(callKey);
    Optional<LedgerEntry> happened =
        entries.stream().filter(LedgerEntry::effectHappened).reduce((first, later) -> later);
    if (happened.isPresent()) {
      return happened;
    }
    return entries.stream().filter(e -> e.kind() == EntryKind.EFFECT).findFirst();
  }

  private void writeQueued() {
    List<Pending> batch = new ArrayList<>();
    Pending next;
    while (batch.size() < MAX_BATCH && (next = queued.poll()) != null) {
      batch.add(next);
    }
    if (!batch.isEmpty()) {
      writeSafely(batch);
    }
  }

  /** Whoever waits at the head of the queue writes next, at once rather than after its pause. */
  private void wakeNextWriter() {
    Pending head = queued.peek();
    if (head != null) {
      LockSupport.unpark(head.caller);
    }
  }

  /** Every caller in the batch gets an answer, whatever goes wrong. */
  private void writeSafely(List<Pending> batch) {
    try {
      writeBatch(batch);
    } catch (RuntimeException | Error e) {
      tail = null;
      batch.forEach(p -> p.failIfOpen(e));
    }
  }

  /** Writes one batch, settling every pending append in it: stored, or failed. */
  private void writeBatch(List<Pending> batch) {
    // The same key twice in one batch is one append: the later ones get the first one's entry.
    Map<String, List<Pending>> byKey = new LinkedHashMap<>();
    for (Pending p : batch) {
      byKey.computeIfAbsent(p.draft.idempotencyKey(), k -> new ArrayList<>()).add(p);
    }
    for (int race = 0; !byKey.isEmpty(); race++) {
      try {
        List<LedgerEntry> written = insertChained(byKey);
        for (LedgerEntry entry : written) {
          byKey.remove(entry.idempotencyKey()).forEach(p -> p.succeed(entry));
        }
        return;
      } catch (SQLException e) {
        tail = null;
        if (!UNIQUE_VIOLATION.equals(e.getSQLState()) || race >= MAX_CHAIN_RACES) {
          byKey.values().forEach(group -> group.forEach(p -> p.fail(e)));
          return;
        }
        settleStored(byKey);
      } catch (RuntimeException e) {
        tail = null;
        byKey.values().forEach(group -> group.forEach(p -> p.fail(e)));
        return;
      }
    }
  }

  /** Drafts whose key is stored already were appended before (a retry): answer them with it. */
  private void settleStored(Map<String, List<Pending>> byKey) {
    for (String key : List.copyOf(byKey.keySet())) {
      Optional<LedgerEntry> stored = byIdempotencyKey(key);
      if (stored.isPresent()) {
        for (Pending p : byKey.remove(key)) {
          if (p.draft.sameFactAs(stored.get())) {
            p.succeed(stored.get());
          } else {
            p.fail(
                new IllegalStateException(
                    "idempotency key "
                        + key
                        + " already names a different entry: "
                        + stored.get()));
          }
        }
      }
    }
  }

  private List<LedgerEntry> insertChained(Map<String, List<Pending>> byKey) throws SQLException {
    // One entry commits by itself in one round trip; more go in one transaction, all or none.
    boolean single = byKey.size() == 1;
    try (Connection connection = dataSource.getConnection()) {
      boolean autoCommit = connection.getAutoCommit();
      connection.setAutoCommit(single);
      try {
        Tail last = tail != null ? tail : readTail(connection);
        Instant now = ChainHash.truncate(clock.instant());
        List<LedgerEntry> chained = new ArrayList<>(byKey.size());
        long seq = last.seq();
        String prev = last.hash();
        for (List<Pending> group : byKey.values()) {
          LedgerEntry entry = LedgerEntry.chained(++seq, group.get(0).draft, now, prev);
          chained.add(entry);
          prev = entry.hash();
        }
        try (PreparedStatement insert = connection.prepareStatement(LedgerRows.INSERT)) {
          if (single) {
            LedgerRows.bind(insert, chained.get(0));
            insert.executeUpdate();
          } else {
            for (LedgerEntry entry : chained) {
              LedgerRows.bind(insert, entry);
              insert.addBatch();
            }
            insert.executeBatch();
            connection.commit();
          }
        }
        tail = new Tail(seq, prev);
        return chained;
      } catch (SQLException | RuntimeException e) {
        if (!single) {
          connection.rollback();
        }
        throw e;
      } finally {
        connection.setAutoCommit(autoCommit);
      }
    } catch (java.sql.BatchUpdateException batch) {
      // Drivers wrap the failing row's error; its SQLState says whether it was a lost race.
      SQLException cause = batch.getNextException();
      throw cause != null && cause.getSQLState() != null ? cause : batch;
    }
  }

  private static Tail readTail(Connection connection) throws SQLException {
    try (PreparedStatement select =
            connection.prepareStatement(
                "SELECT seq, hash FROM ledger_entry ORDER BY seq DESC LIMIT 1");
        ResultSet rs = select.executeQuery()) {
      return rs.next() ? new Tail(rs.getLong(1), rs.getString(2)) : new Tail(0, ChainHash.GENESIS);
    }
  }

  /** One caller's append, settled by whichever caller writes the batch it is in. */
  private static final class Pending {
    final EntryDraft draft;
    final Thread caller = Thread.currentThread();
    private volatile boolean settled;
    private LedgerEntry entry;
    private Exception failure;

    Pending(EntryDraft draft) {
      this.draft = draft;
    }

    boolean isSettled() {
      return settled;
    }

    void succeed(LedgerEntry stored) {
      entry = stored;
      settled = true;
      LockSupport.unpark(caller);
    }

    void fail(Exception cause) {
      failure = cause;
      settled = true;
      LockSupport.unpark(caller);
    }

    void failIfOpen(Throwable cause) {
      if (!settled) {
        fail(cause instanceof Exception e ? e : new IllegalStateException(cause));
      }
    }

    /** Parks until settled or woken to write; the bound only covers a missed wake-up. */
    void awaitBriefly() {
      LockSupport.parkNanos(this, 1_000_000);
    }

    LedgerEntry result() {
      if (failure instanceof RuntimeException runtime) {
        throw runtime;
      }
      if (failure != null) {
        throw new LedgerUnavailableException(
            "ledger append failed: " + failure.getMessage(), failure);
      }
      return entry;
    }
  }
}
