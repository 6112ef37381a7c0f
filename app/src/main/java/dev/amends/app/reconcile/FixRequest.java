package dev.amends.app.reconcile;

/** Settle one drift, on behalf of one reconciler run (whose id keys what the fix appends). */
public record FixRequest(String runId, Drift drift) {}
