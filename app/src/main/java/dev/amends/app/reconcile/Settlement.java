package dev.amends.app.reconcile;

import dev.amends.saga.OperatorDecision;

/** An operator's decision about a drift, to be recorded in the ledger under its escalation's id. */
public record Settlement(
    String escalationWorkflowId, String escalationId, Drift drift, OperatorDecision decision) {}
