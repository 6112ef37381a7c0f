package dev.amends.app.sandbox;

import dev.amends.app.order.Address;
import dev.amends.app.order.OrderFailure;
import dev.amends.app.order.StepRequests.CreateShipment;
import dev.amends.app.order.StepRequests.Undo;
import dev.amends.app.order.StepResults.Shipment;
import dev.amends.app.order.port.ShippingSystem;
import dev.amends.saga.UndoOutcome;
import org.springframework.stereotype.Component;

/** Test values in the address line: UNDELIVERABLE is refused; CANCEL-BLOCKED blocks the cancel. */
@Component
public class SandboxShipping extends SandboxDialog implements ShippingSystem {
  public static final String SYSTEM = "shipping";

  public SandboxShipping(SandboxEffects effects, SandboxFaults faults, SandboxLatency latency) {
    super(SYSTEM, effects, faults, latency);
  }

  @Override
  public Shipment create(CreateShipment request) {
    roundTrip();
    Address to = request.address();
    if (to.line1().contains("UNDELIVERABLE")) {
      // The address stays out of the failure: failures are shown to operators and kept in
      // histories.
      throw SandboxFaults.refusal(
          OrderFailure.UNDELIVERABLE, "the carrier cannot deliver to the shipping address");
    }
    String detail = to.name() + ", " + to.line1() + ", " + to.postalCode() + " " + to.city();
    return new Shipment(act(request.orderId(), request.idempotencyKey(), "shp", detail));
  }

  @Override
  public UndoOutcome cancel(Undo request) {
    return undo(request, "CANCEL-BLOCKED", "cancel");
  }
}
