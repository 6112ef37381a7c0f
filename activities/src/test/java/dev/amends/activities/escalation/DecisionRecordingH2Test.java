package dev.amends.activities.escalation;

import dev.amends.activities.db.TestDatabase;

class DecisionRecordingH2Test extends DecisionRecordingContract {
  @Override
  TestDatabase.Vendor vendor() {
    return TestDatabase.Vendor.H2;
  }
}
