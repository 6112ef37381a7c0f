package dev.amends.escalation;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import dev.amends.api.ApiException;
import dev.amends.config.AmendsProperties;
import dev.amends.order.OrderWorkflow;
import dev.amends.saga.Escalation;
import dev.amends.saga.SagaState;
import dev.amends.sagas.SagaQueries;
import java.security.Principal;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The operator API: what waits for a person, and the decisions that settle it. */
@RestController
class EscalationController {
  private final EscalationStore store;
  private final SagaQueries sagas;
  private final AmendsProperties properties;

  EscalationController(EscalationStore store, SagaQueries sagas, AmendsProperties properties) {
    this.store = store;
    this.sagas = sagas;
    this.properties = properties;
  }

  /** One escalation as listed: its record, its runbook link, and where to post the decision. */
  record EscalationView(
      @JsonUnwrapped EscalationRecord record, String runbookUrl, String status, String decide) {}

  @GetMapping("/escalations")
  List<EscalationView> list(@RequestParam(defaultValue = "open") String status) {
    if (!status.equals("open") && !status.equals("all")) {
      throw ApiException.badField("status", "status must be 'open' or 'all'");
    }
    return store.list(status.equals("open")).stream().map(this::view).toList();
  }

  @PostMapping("/orders/{orderId}/escalations/{escalationId}")
  ResponseEntity<Map<String, Object>> decideForOrder(
      @PathVariable String orderId,
      @PathVariable String escalationId,
      @RequestBody DecisionRequest decision,
      Principal caller) {
    return decide(OrderWorkflow.workflowId(orderId), escalationId, decision, caller);
  }

  @PostMapping("/sagas/{sagaId}/escalations/{escalationId}")
  ResponseEntity<Map<String, Object>> decide(
      @PathVariable String sagaId,
      @PathVariable String escalationId,
      @RequestBody DecisionRequest decision,
      Principal caller) {
    // Who decided is who called: the authenticated caller, never a name the body claims.
    Map<String, Object> signal = decision.toSignal(escalationId, caller.getName());
    SagaState state = sagas.state(sagaId);
    Escalation escalation =
        state.escalations().stream()
            .filter(e -> e.id().equals(escalationId))
            .findFirst()
            .orElseThrow(
                () -> ApiException.notFound("saga " + sagaId + " has no escalation " + escalationId));
    if (!escalation.awaitsDecision()) {
      throw ApiException.conflict(
          "escalation "
              + escalationId
              + " was already settled: "
              + escalation.decision().action()
              + " by "
              + escalation.decision().operator());
    }
    sagas.decide(sagaId, signal, caller.getName());
    return ResponseEntity.status(HttpStatus.ACCEPTED)
        .body(Map.of("sagaId", sagaId, "decision", signal));
  }

  private EscalationView view(EscalationRecord r) {
    return new EscalationView(
        r,
        properties.runbookUrl(r.runbook()),
        r.closedAt() == null ? "OPEN" : "CLOSED",
        DecisionPaths.decide(r.sagaId(), r.escalationId()));
  }
}
