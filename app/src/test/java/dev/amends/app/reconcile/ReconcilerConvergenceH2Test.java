package dev.amends.app.reconcile;

import dev.amends.activities.db.TestDatabase;

class ReconcilerConvergenceH2Test extends ReconcilerConvergenceContract {
  @Override
  TestDatabase.Vendor vendor() {
    return TestDatabase.Vendor.H2;
  }
}
