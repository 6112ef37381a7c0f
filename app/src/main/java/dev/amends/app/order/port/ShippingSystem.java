package dev.amends.app.order.port;

import dev.amends.app.order.StepRequests.CreateShipment;
import dev.amends.app.order.StepRequests.Undo;
import dev.amends.app.order.StepResults.Shipment;
import dev.amends.saga.UndoOutcome;

public interface ShippingSystem {
  Shipment create(CreateShipment request);

  UndoOutcome cancel(Undo request);
}
