-- Who decided, by which channel, and the second person on a write-off. Names are at most 100
-- characters and notes 2,000 (the decision rules' bounds); identities are Temporal's own.
ALTER TABLE escalation ADD COLUMN amount_minor BIGINT;
ALTER TABLE escalation ADD COLUMN currency VARCHAR(3);
ALTER TABLE escalation ADD COLUMN decision_approved_by VARCHAR(200);
ALTER TABLE escalation ADD COLUMN decision_channel VARCHAR(20);
ALTER TABLE escalation ADD COLUMN decision_identity VARCHAR(300);
ALTER TABLE escalation ADD COLUMN approval_identity VARCHAR(300);
-- The newest write-off request: PENDING until an approver answers, then APPROVED or REJECTED.
ALTER TABLE escalation ADD COLUMN write_off_state VARCHAR(20);
ALTER TABLE escalation ADD COLUMN write_off_requested_by VARCHAR(200);
ALTER TABLE escalation ADD COLUMN write_off_note VARCHAR(2000);
ALTER TABLE escalation ADD COLUMN write_off_requested_at TIMESTAMP WITH TIME ZONE;
ALTER TABLE escalation ADD COLUMN write_off_reviewed_by VARCHAR(200);
ALTER TABLE escalation ADD COLUMN write_off_review_note VARCHAR(2000);
