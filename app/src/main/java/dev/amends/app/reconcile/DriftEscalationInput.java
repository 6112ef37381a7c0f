package dev.amends.app.reconcile;

import dev.amends.saga.SagaSettings;

/**
 * @param openedByRunId the reconciler run that found the drift and could not settle it
 */
public record DriftEscalationInput(Drift drift, SagaSettings settings, String openedByRunId) {}
