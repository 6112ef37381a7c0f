package dev.amends.app.order.port;

import dev.amends.app.order.StepRequests.ReserveStock;
import dev.amends.app.order.StepRequests.Undo;
import dev.amends.app.order.StepResults.Reservation;
import dev.amends.saga.UndoOutcome;

public interface StockSystem {
  Reservation reserve(ReserveStock request);

  UndoOutcome release(Undo request);
}
