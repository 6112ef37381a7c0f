package dev.amends.order.port;

import dev.amends.order.StepRequests.ReserveStock;
import dev.amends.order.StepRequests.Undo;
import dev.amends.order.StepResults.Reservation;
import dev.amends.saga.UndoOutcome;

public interface StockSystem {
  Reservation reserve(ReserveStock request);

  UndoOutcome release(Undo request);
}
