package dev.amends.app.reconcile;

import java.util.List;

/**
 * How a drift escalation ended.
 *
 * @param outcome FIXED (a retry after the cause was fixed settled it), NO_LONGER_DRIFTING (both
 *     sides agreed when looked at again), RESOLVED_MANUALLY or ACCEPT_LOSS
 */
public record DriftSettlement(
    String driftId, String outcome, String operator, String note, List<Long> ledgerSeqs) {}
