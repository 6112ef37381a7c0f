package dev.amends.saga;

/**
 * A decision that was refused: what arrived (shortened), why it was refused, and when. It changed
 * nothing.
 */
public record RejectedDecision(String received, String reason, long receivedAtMillis) {}
