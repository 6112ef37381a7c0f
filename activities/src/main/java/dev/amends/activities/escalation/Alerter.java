package dev.amends.activities.escalation;

/** Where alerts about escalations go: a pager, a chat channel, a webhook, a log. */
public interface Alerter {

  /**
   * Sends the alert.
   *
   * @throws AlertDeliveryException when the channel did not take it
   */
  void alert(AlertNotice notice);
}
