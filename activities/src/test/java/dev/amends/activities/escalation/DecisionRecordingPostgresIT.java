package dev.amends.activities.escalation;

import dev.amends.activities.db.TestDatabase;

class DecisionRecordingPostgresIT extends DecisionRecordingContract {
  @Override
  TestDatabase.Vendor vendor() {
    return TestDatabase.Vendor.POSTGRESQL;
  }
}
