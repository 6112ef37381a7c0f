package dev.amends.activities.escalation.webhook;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * The JSON an alert webhook receives. It names the escalation and where to act on it; it holds no
 * customer data (the error is the failing undo's own message, bounded in length).
 */
@JsonPropertyOrder({
  "sagaId", "escalationId", "sagaName", "step", "world", "undo", "error", "attempts",
  "runbookUrl", "decideUrl", "openedAt", "alertNumber", "kind", "audience", "sentAt", "message"
})
record WebhookBody(
    String sagaId,
    String escalationId,
    String sagaName,
    String step,
    String world,
    String undo,
    String error,
    int attempts,
    String runbookUrl,
    String decideUrl,
    String openedAt,
    int alertNumber,
    String kind,
    String audience,
    String sentAt,
    String message) {}
