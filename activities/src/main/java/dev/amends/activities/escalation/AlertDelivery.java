package dev.amends.activities.escalation;

/** How far an alert got, as its row in the {@code alert} table says. */
public enum AlertDelivery {
  /** No webhook reaches its audience: the log line is its channel. */
  LOGGED,
  /** Written to the log; the webhook delivery has not succeeded yet and will be tried again. */
  PENDING,
  /** Every webhook of its audience answered 2xx. */
  DELIVERED,
  /** The webhook kept failing until the attempts ran out: the log line is its only channel. */
  FAILED;

  /** Whether nothing more will be sent for this alert. */
  public boolean settled() {
    return this != PENDING;
  }
}
