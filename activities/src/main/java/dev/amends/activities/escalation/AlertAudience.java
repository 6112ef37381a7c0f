package dev.amends.activities.escalation;

/** Who an alert is for: the operators who decide, or the approvers who confirm a decision. */
public enum AlertAudience {
  OPERATOR,
  APPROVER
}
