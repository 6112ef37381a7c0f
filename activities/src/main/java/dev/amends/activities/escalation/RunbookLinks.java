package dev.amends.activities.escalation;

/** Turns a step's runbook path into the link people follow; the application configures it. */
@FunctionalInterface
public interface RunbookLinks {
  String runbookUrl(String runbook);
}
