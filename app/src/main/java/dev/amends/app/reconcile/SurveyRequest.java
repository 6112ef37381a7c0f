package dev.amends.app.reconcile;

/**
 * @param maxDrifts at most this many drifts are returned (the rest wait for the next run)
 */
public record SurveyRequest(String runId, int maxDrifts) {}
