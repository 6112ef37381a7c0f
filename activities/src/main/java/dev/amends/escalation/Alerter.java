package dev.amends.escalation;

import dev.amends.saga.Escalation;

/** Where alerts about escalations go: a pager, a chat channel, a log. */
public interface Alerter {
  void alert(Escalation escalation, String message);
}
