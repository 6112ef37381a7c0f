package dev.amends.app.order;

import java.util.Map;
import org.springframework.stereotype.Component;

/** Unit prices in minor units, held in the worker: pricing is an RML-1 step. */
@Component
public class Catalog {
  private static final Map<String, Long> PRICES =
      Map.of("BOOK-1", 1299L, "MUG-1", 899L, "TSHIRT-1", 1999L);
  private static final long DEFAULT_PRICE = 1000L;

  /** Test value: a SKU starting UNPRICEABLE has no price, so validation fails. */
  public long unitPrice(String sku) {
    if (sku.startsWith("UNPRICEABLE")) {
      throw new IllegalArgumentException("no price for " + sku);
    }
    return PRICES.getOrDefault(sku, DEFAULT_PRICE);
  }
}
