package dev.amends.ledger;

import dev.amends.db.TestDatabase;

class EffectLedgerH2Test extends EffectLedgerContract {
  @Override
  TestDatabase.Vendor vendor() {
    return TestDatabase.Vendor.H2;
  }
}
