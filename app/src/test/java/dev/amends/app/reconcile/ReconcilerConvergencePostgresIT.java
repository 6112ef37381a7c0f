package dev.amends.app.reconcile;

import dev.amends.activities.db.TestDatabase;

class ReconcilerConvergencePostgresIT extends ReconcilerConvergenceContract {
  @Override
  TestDatabase.Vendor vendor() {
    return TestDatabase.Vendor.POSTGRESQL;
  }
}
