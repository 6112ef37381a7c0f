package dev.amends.reconcile;

import dev.amends.db.TestDatabase;

class ReconcilerConvergenceH2Test extends ReconcilerConvergenceContract {
  @Override
  TestDatabase.Vendor vendor() {
    return TestDatabase.Vendor.H2;
  }
}
