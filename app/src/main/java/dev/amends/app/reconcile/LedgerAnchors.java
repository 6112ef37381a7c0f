package dev.amends.app.reconcile;

import dev.amends.activities.ledger.AnchorLog;
import dev.amends.activities.ledger.AnchorPublisher;
import dev.amends.activities.ledger.EffectLedger;
import dev.amends.activities.ledger.LedgerAnchor;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * What the chain is held to: the heads recent reconciler runs recorded in the database, and, when
 * one is configured ({@code amends.ledger.anchor-log}), the hash of every entry published to the
 * anchor log outside it. Only the latter survives someone who can rewrite the database.
 */
@Component
public class LedgerAnchors {
  private final ReconcileRuns runs;
  private final Optional<AnchorLog> log;
  private final Optional<AnchorPublisher> publisher;

  @Autowired
  public LedgerAnchors(ReconcileRuns runs, EffectLedger ledger, ObjectProvider<AnchorLog> log) {
    this(runs, ledger, log.getIfAvailable());
  }

  /** With {@code log} null when there is no anchor log. */
  public LedgerAnchors(ReconcileRuns runs, EffectLedger ledger, AnchorLog log) {
    this.runs = runs;
    this.log = Optional.ofNullable(log);
    this.publisher = this.log.map(l -> new AnchorPublisher(ledger, l));
  }

  /** Every anchor: the recorded heads, then the anchor log's. */
  public Held held() {
    List<LedgerAnchor> recorded = runs.anchors();
    List<LedgerAnchor> logged = log.map(AnchorLog::anchors).orElse(List.of());
    List<LedgerAnchor> all = new ArrayList<>(recorded.size() + logged.size());
    all.addAll(recorded);
    all.addAll(logged);
    return new Held(recorded, logged.size(), all);
  }

  /** Publishes the entries up to a head just verified intact; 0 without an anchor log. */
  public long publishUpTo(long verifiedHead) {
    return publisher.map(p -> p.publishUpTo(verifiedHead)).orElse(0L);
  }

  /**
   * @param recorded the heads of recent reconciler runs, from the database
   * @param logged how many anchors came from the anchor log
   * @param all both, as the verifier takes them
   */
  public record Held(List<LedgerAnchor> recorded, int logged, List<LedgerAnchor> all) {}
}
