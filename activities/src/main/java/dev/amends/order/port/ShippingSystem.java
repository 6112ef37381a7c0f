package dev.amends.order.port;

import dev.amends.order.StepRequests.CreateShipment;
import dev.amends.order.StepRequests.Undo;
import dev.amends.order.StepResults.Shipment;
import dev.amends.saga.UndoOutcome;

public interface ShippingSystem {
  Shipment create(CreateShipment request);

  UndoOutcome cancel(Undo request);
}
