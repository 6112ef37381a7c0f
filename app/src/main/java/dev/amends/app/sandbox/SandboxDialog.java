package dev.amends.app.sandbox;

import dev.amends.app.order.StepRequests.Undo;
import dev.amends.app.sandbox.SandboxEffects.Effect;
import dev.amends.saga.UndoOutcome;
import java.util.Optional;

/** What the stock, shipping and mail sandboxes share: an effect under a key, and its undo. */
abstract class SandboxDialog {
  private final String system;
  private final SandboxEffects effects;
  private final SandboxFaults faults;
  private final SandboxLatency latency;

  SandboxDialog(
      String system, SandboxEffects effects, SandboxFaults faults, SandboxLatency latency) {
    this.system = system;
    this.effects = effects;
    this.faults = faults;
    this.latency = latency;
  }

  /** A remote call's round trip, before the system looks at the request. */
  void roundTrip() {
    latency.pause();
  }

  String act(String orderId, String key, String referencePrefix, String detail) {
    return effects
        .record(
            new Effect(
                key, system, orderId, "DO", References.of(referencePrefix, key), null, detail))
        .reference();
  }

  /**
   * Undoes the effect under the request's do key. No effect means nothing to undo (the do never
   * took effect); an effect whose detail carries the blocking test value fails until healed.
   */
  UndoOutcome undo(Undo request, String blockingValue, String what) {
    roundTrip();
    Optional<Effect> done = effects.find(request.doKey());
    if (done.isEmpty()) {
      return UndoOutcome.NOTHING_TO_UNDO;
    }
    if (effects.find(request.undoKey()).isPresent()) {
      return UndoOutcome.UNDONE;
    }
    String detail = done.get().detail();
    if (detail != null && detail.contains(blockingValue)) {
      faults.failUnlessHealed(system, request.orderId(), what);
    }
    effects.record(
        new Effect(
            request.undoKey(),
            system,
            request.orderId(),
            "UNDO",
            References.of(what, request.undoKey()),
            request.doKey(),
            null));
    return UndoOutcome.UNDONE;
  }
}
