package dev.amends.app.sandbox;

import dev.amends.app.payment.PaymentRecord;
import dev.amends.spring.api.ApiException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.springframework.context.annotation.Profile;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * The sandboxes' admin switch, and a look at what each system holds for an order. Served on the
 * embedded default and with the sandbox profile; on real alone these endpoints do not exist.
 */
@RestController
@Profile("!real | sandbox")
class SandboxController {
  private static final Set<String> SYSTEMS =
      Set.of(
          SandboxPaymentProvider.SYSTEM,
          SandboxStock.SYSTEM,
          SandboxShipping.SYSTEM,
          SandboxMail.SYSTEM);

  private final SandboxFaults faults;
  private final SandboxPaymentProvider payments;
  private final SandboxEffects effects;

  SandboxController(SandboxFaults faults, SandboxPaymentProvider payments, SandboxEffects effects) {
    this.faults = faults;
    this.payments = payments;
    this.effects = effects;
  }

  /** Which fault to heal: one system's, or (system left out) every system's, for one order. */
  record HealRequest(String orderId, String system) {}

  @PostMapping("/sandbox/heal")
  Map<String, Object> heal(@RequestBody HealRequest request) {
    if (request.orderId() == null || request.orderId().isBlank()) {
      throw ApiException.badField("orderId", "orderId is required");
    }
    List<String> systems;
    if (request.system() == null) {
      systems = SYSTEMS.stream().sorted().toList();
    } else if (SYSTEMS.contains(request.system())) {
      systems = List.of(request.system());
    } else {
      throw ApiException.badField(
          "system", "system must be one of " + SYSTEMS.stream().sorted().toList());
    }
    systems.forEach(system -> faults.heal(system, request.orderId()));
    return Map.of("orderId", request.orderId(), "healed", systems);
  }

  /** A charge made outside amends, for showing (and testing) what the reconciler does with one. */
  record OutsideCharge(String orderId, Long amountMinor, String currency, String idempotencyKey) {}

  @PostMapping("/sandbox/payments")
  ResponseEntity<PaymentRecord> chargeOutsideAmends(@RequestBody OutsideCharge request) {
    if (request.orderId() == null || request.orderId().isBlank()) {
      throw ApiException.badField(
          "orderId", "orderId is required: the reference the provider keeps");
    }
    if (request.amountMinor() == null || request.amountMinor() < 1) {
      throw ApiException.badField(
          "amountMinor", "amountMinor must be a positive number of minor units");
    }
    // Any three capital letters: an unknown currency is one of the drifts the reconciler escalates.
    if (request.currency() == null || !request.currency().matches("[A-Z]{3}")) {
      throw ApiException.badField("currency", "currency must be three capital letters, e.g. EUR");
    }
    if (request.idempotencyKey() != null) {
      if (request.idempotencyKey().isBlank()) {
        throw ApiException.badField("idempotencyKey", "idempotencyKey must not be blank");
      }
      // As the provider does: the same key is the same charge, answered again and made once.
      Optional<PaymentRecord> earlier = payments.find(request.idempotencyKey());
      if (earlier.isPresent()) {
        PaymentRecord charge = earlier.get();
        if (charge.isCharge()
            && charge.orderId().equals(request.orderId())
            && charge.amountMinor() == request.amountMinor()
            && charge.currency().equals(request.currency())) {
          return ResponseEntity.ok(charge);
        }
        throw ApiException.conflict(
            "idempotencyKey " + request.idempotencyKey() + " already names a different payment");
      }
    }
    PaymentRecord charged =
        payments.chargeOutsideAmends(
            request.orderId(), request.idempotencyKey(), request.amountMinor(), request.currency());
    return ResponseEntity.status(HttpStatus.CREATED).body(charged);
  }

  @GetMapping("/sandbox/orders/{orderId}")
  Map<String, Object> records(@PathVariable String orderId) {
    return Map.of("payments", payments.forOrder(orderId), "effects", effects.forOrder(orderId));
  }
}
