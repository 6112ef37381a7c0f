package dev.amends.escalation;

import dev.amends.db.TestDatabase;

class DecisionRecordingH2Test extends DecisionRecordingContract {
  @Override
  TestDatabase.Vendor vendor() {
    return TestDatabase.Vendor.H2;
  }
}
