package dev.amends.app.ledger;

import dev.amends.activities.ledger.ChainVerification;
import dev.amends.activities.ledger.EffectLedger;
import dev.amends.activities.ledger.LedgerAnchor;
import dev.amends.activities.ledger.LedgerEntry;
import dev.amends.activities.ledger.LedgerVerifier;
import dev.amends.app.reconcile.LedgerAnchors;
import dev.amends.spring.api.ApiException;
import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The effect ledger, read-only: its entries, and a walk of its chain. */
@RestController
@RequestMapping("/ledger")
class LedgerController {
  private final EffectLedger ledger;
  private final LedgerVerifier verifier;
  private final LedgerAnchors anchors;

  LedgerController(EffectLedger ledger, LedgerVerifier verifier, LedgerAnchors anchors) {
    this.ledger = ledger;
    this.verifier = verifier;
    this.anchors = anchors;
  }

  /**
   * The verification with the anchors it was held to: the heads of recent reconciler runs, and how
   * many hashes came from the anchor log outside the database.
   */
  record Verification(
      ChainVerification chain, List<LedgerAnchor> anchors, int anchorLogEntriesChecked) {}

  /** Walks the whole chain and reports the first link that does not hold. */
  @GetMapping("/verification")
  Verification verify() {
    LedgerAnchors.Held held = anchors.held();
    return new Verification(verifier.verify(held.all()), held.recorded(), held.logged());
  }

  /** One saga's entries, one call's story, or the newest entries (newest first). */
  @GetMapping("/entries")
  List<LedgerEntry> entries(
      @RequestParam(required = false) String sagaId,
      @RequestParam(required = false) String callKey,
      @RequestParam(defaultValue = "50") int limit) {
    if (sagaId != null && callKey != null) {
      throw ApiException.badField("callKey", "give sagaId or callKey, not both");
    }
    if (sagaId != null) {
      return ledger.forSaga(sagaId);
    }
    if (callKey != null) {
      return ledger.storyOf(callKey);
    }
    if (limit < 1 || limit > 1000) {
      throw ApiException.badField("limit", "limit must be between 1 and 1000");
    }
    return ledger.latest(limit);
  }
}
