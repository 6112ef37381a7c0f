package dev.amends.activities.ledger;

import dev.amends.activities.db.TestDatabase;

class EffectLedgerPostgresIT extends EffectLedgerContract {
  @Override
  TestDatabase.Vendor vendor() {
    return TestDatabase.Vendor.POSTGRESQL;
  }
}
