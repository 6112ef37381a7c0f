package dev.amends.ledger;

import dev.amends.db.TestDatabase;

class EffectLedgerPostgresIT extends EffectLedgerContract {
  @Override
  TestDatabase.Vendor vendor() {
    return TestDatabase.Vendor.POSTGRESQL;
  }
}
