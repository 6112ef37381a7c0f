package dev.amends.activities.ledger;

import dev.amends.activities.db.TestDatabase;

class EffectLedgerH2Test extends EffectLedgerContract {
  @Override
  TestDatabase.Vendor vendor() {
    return TestDatabase.Vendor.H2;
  }
}
