package dev.amends.examples.trip.sandbox;

import java.util.List;
import java.util.Map;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** The admin's view of, and switch on, the sandboxes: what each holds for a trip; heal a fault. */
@RestController
class SandboxController {
  private final SandboxSuppliers suppliers;
  private final SandboxDeposits deposits;

  SandboxController(SandboxSuppliers suppliers, SandboxDeposits deposits) {
    this.suppliers = suppliers;
    this.deposits = deposits;
  }

  record Heal(String tripId, String system) {}

  @GetMapping("/sandbox/trips/{tripId}")
  Map<String, List<?>> held(@PathVariable String tripId) {
    return Map.of(
        "reservations", suppliers.reservations(tripId), "payments", deposits.payments(tripId));
  }

  /** {@code system}: flights, hotels, cars or payments; left out, all of them. */
  @PostMapping("/sandbox/heal")
  Map<String, String> heal(@RequestBody Heal heal) {
    for (String supplier : List.of("flights", "hotels", "cars")) {
      if (heal.system() == null || heal.system().equals(supplier)) {
        suppliers.heal(heal.tripId(), supplier);
      }
    }
    if (heal.system() == null || heal.system().equals("payments")) {
      deposits.heal(heal.tripId());
    }
    return Map.of("healed", heal.system() == null ? "all" : heal.system());
  }
}
