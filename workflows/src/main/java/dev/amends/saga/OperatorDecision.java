package dev.amends.saga;

/** A decision that passed validation and settles one open escalation. */
public record OperatorDecision(
    String escalationId, OperatorAction action, String operator, String note, long decidedAtMillis) {}
