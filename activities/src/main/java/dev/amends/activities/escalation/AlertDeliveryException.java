package dev.amends.activities.escalation;

/**
 * An alert that did not reach its channel. The message names the target by position and host only
 * (webhook URLs often carry tokens) and never holds the request body or a secret.
 */
public class AlertDeliveryException extends RuntimeException {
  public AlertDeliveryException(String message) {
    super(message);
  }
}
