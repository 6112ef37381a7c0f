package dev.amends.testkit.replay;

import java.nio.file.Path;

/**
 * One history that did not replay.
 *
 * @param file the history file
 * @param workflowType the type named in its first event; null when the file could not be read
 * @param divergedAt the event where replay diverged, described (id, type, activity or timer); null
 *     when the failure names no event
 * @param reason the first line of the failure
 * @param cause the failure itself; null when the history was not replayed at all
 */
public record ReplayFailure(
    Path file, String workflowType, String divergedAt, String reason, Throwable cause) {

  @Override
  public String toString() {
    return file
        + (workflowType == null ? "" : " (" + workflowType + ")")
        + (divergedAt == null ? "" : " diverged at " + divergedAt)
        + ": "
        + reason;
  }
}
