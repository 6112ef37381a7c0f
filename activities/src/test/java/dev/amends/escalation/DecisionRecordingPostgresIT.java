package dev.amends.escalation;

import dev.amends.db.TestDatabase;

class DecisionRecordingPostgresIT extends DecisionRecordingContract {
  @Override
  TestDatabase.Vendor vendor() {
    return TestDatabase.Vendor.POSTGRESQL;
  }
}
