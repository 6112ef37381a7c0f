package dev.amends.saga;

/** One step as the saga query shows it, with the idempotency keys its do and undo carry. */
public record StepState(
    String name, World world, StepStatus status, String doKey, String undoKey, String error) {}
