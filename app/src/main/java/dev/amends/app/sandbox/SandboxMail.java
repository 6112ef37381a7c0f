package dev.amends.app.sandbox;

import dev.amends.app.order.OrderFailure;
import dev.amends.app.order.StepRequests.SendConfirmation;
import dev.amends.app.order.StepRequests.Undo;
import dev.amends.app.order.StepResults.MailReceipt;
import dev.amends.app.order.port.MailSystem;
import dev.amends.saga.UndoOutcome;
import org.springframework.stereotype.Component;

/**
 * Test values in the address: {@code bounce} is refused before sending; {@code lost-ack} sends,
 * then reports failure (the step failed after taking effect); {@code notice-blocked} blocks the
 * cancellation notice.
 */
@Component
public class SandboxMail extends SandboxDialog implements MailSystem {
  public static final String SYSTEM = "mail";

  public SandboxMail(SandboxEffects effects, SandboxFaults faults, SandboxLatency latency) {
    super(SYSTEM, effects, faults, latency);
  }

  @Override
  public MailReceipt sendConfirmation(SendConfirmation request) {
    roundTrip();
    String to = request.email();
    if (to.contains("bounce")) {
      throw SandboxFaults.refusal(
          OrderFailure.MAIL_REJECTED, "the customer's mailbox rejected the mail");
    }
    String id = act(request.orderId(), request.idempotencyKey(), "msg", to);
    if (to.contains("lost-ack")) {
      throw SandboxFaults.refusal(
          OrderFailure.MAIL_ACK_LOST, "mail " + id + " left, but its acknowledgement was lost");
    }
    return new MailReceipt(id);
  }

  @Override
  public UndoOutcome sendCancellationNotice(Undo request) {
    return undo(request, "notice-blocked", "notice");
  }
}
