package dev.amends.app.sandbox;

import dev.amends.app.order.OrderFailure;
import dev.amends.app.order.OrderLine;
import dev.amends.app.order.StepRequests.ReserveStock;
import dev.amends.app.order.StepRequests.Undo;
import dev.amends.app.order.StepResults.Reservation;
import dev.amends.app.order.port.StockSystem;
import dev.amends.saga.UndoOutcome;
import java.util.stream.Collectors;
import org.springframework.stereotype.Component;

/**
 * Test values: a SKU starting OUT-OF-STOCK is refused; one starting RELEASE-BLOCKED blocks release.
 */
@Component
public class SandboxStock extends SandboxDialog implements StockSystem {
  public static final String SYSTEM = "stock";

  public SandboxStock(SandboxEffects effects, SandboxFaults faults, SandboxLatency latency) {
    super(SYSTEM, effects, faults, latency);
  }

  @Override
  public Reservation reserve(ReserveStock request) {
    roundTrip();
    for (OrderLine line : request.items()) {
      if (line.sku().startsWith("OUT-OF-STOCK")) {
        throw SandboxFaults.refusal(OrderFailure.OUT_OF_STOCK, "no stock for " + line.sku());
      }
    }
    String skus =
        request.items().stream()
            .map(l -> l.sku() + "x" + l.quantity())
            .collect(Collectors.joining(","));
    return new Reservation(act(request.orderId(), request.idempotencyKey(), "res", skus));
  }

  @Override
  public UndoOutcome release(Undo request) {
    return undo(request, "RELEASE-BLOCKED", "release");
  }
}
