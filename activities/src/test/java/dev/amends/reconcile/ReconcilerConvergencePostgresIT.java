package dev.amends.reconcile;

import dev.amends.db.TestDatabase;

class ReconcilerConvergencePostgresIT extends ReconcilerConvergenceContract {
  @Override
  TestDatabase.Vendor vendor() {
    return TestDatabase.Vendor.POSTGRESQL;
  }
}
