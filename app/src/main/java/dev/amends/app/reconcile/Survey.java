package dev.amends.app.reconcile;

import java.util.List;

/**
 * What comparing the ledger with the external system's records found.
 *
 * @param effects effects examined (one per external call, from either side)
 * @param consistent effects on which both sides agree
 * @param inFlight effects whose saga is still running: it owns them, nothing is done
 * @param settledByOperator effects a person settled (the ledger records the decision)
 * @param moreDrifts drifts beyond {@code drifts}, left for the next run
 */
public record Survey(
    int providerRecords,
    int ledgerEntries,
    int effects,
    int consistent,
    int inFlight,
    int settledByOperator,
    List<Drift> drifts,
    int moreDrifts) {}
