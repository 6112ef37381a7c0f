package dev.amends.app.order.port;

import dev.amends.app.order.StepRequests.SendConfirmation;
import dev.amends.app.order.StepRequests.Undo;
import dev.amends.app.order.StepResults.MailReceipt;
import dev.amends.saga.UndoOutcome;

public interface MailSystem {
  MailReceipt sendConfirmation(SendConfirmation request);

  /** A mail cannot be unsent: this sends a cancellation notice for the one under doKey. */
  UndoOutcome sendCancellationNotice(Undo request);
}
