package dev.amends.spring.escalation;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import dev.amends.activities.escalation.DecisionPaths;
import dev.amends.activities.escalation.EscalationRecord;
import dev.amends.activities.escalation.EscalationStore;
import dev.amends.saga.Escalation;
import dev.amends.saga.SagaState;
import dev.amends.saga.TextRules;
import dev.amends.saga.WriteOffRequest;
import dev.amends.saga.WriteOffReview;
import dev.amends.spring.api.ApiException;
import dev.amends.spring.config.AmendsProperties;
import dev.amends.spring.sagas.SagaQueries;
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
public class EscalationController {
  private final EscalationStore store;
  private final SagaQueries sagas;
  private final AmendsProperties properties;

  EscalationController(EscalationStore store, SagaQueries sagas, AmendsProperties properties) {
    this.store = store;
    this.sagas = sagas;
    this.properties = properties;
  }

  /**
   * One escalation as listed: its record, its runbook link, whether it is open, waits for an
   * approver or is closed, and where to post what it waits for (the decision, or the approval).
   */
  record EscalationView(
      @JsonUnwrapped EscalationRecord record, String runbookUrl, String status, String decide) {}

  @GetMapping("/escalations")
  List<EscalationView> list(@RequestParam(defaultValue = "open") String status) {
    if (!status.equals("open") && !status.equals("all")) {
      throw ApiException.badField("status", "status must be 'open' or 'all'");
    }
    return store.list(status.equals("open")).stream().map(this::view).toList();
  }

  /**
   * An operator's decision on an escalation. A flow's own path to its escalations (such as {@code
   * /orders/{orderId}/escalations/...}) calls this with the saga id it maps to.
   */
  @PostMapping("/sagas/{sagaId}/escalations/{escalationId}")
  public ResponseEntity<Map<String, Object>> decide(
      @PathVariable String sagaId,
      @PathVariable String escalationId,
      @RequestBody DecisionRequest decision,
      Principal caller) {
    return send(saga(sagaId), escalationId, decision, caller, false);
  }

  /** An approver's APPROVE or REJECT of a write-off another person requested. */
  @PostMapping("/sagas/{sagaId}/escalations/{escalationId}/approval")
  public ResponseEntity<Map<String, Object>> review(
      @PathVariable String sagaId,
      @PathVariable String escalationId,
      @RequestBody DecisionRequest review,
      Principal caller) {
    return send(saga(sagaId), escalationId, review, caller, true);
  }

  private ResponseEntity<Map<String, Object>> send(
      String sagaId,
      String escalationId,
      DecisionRequest request,
      Principal caller,
      boolean review) {
    // Who decided is who called: the authenticated caller, never a name the body claims.
    Map<String, Object> signal = request.toSignal(escalationId, caller.getName(), review);
    Escalation escalation = escalation(sagaId, escalationId);
    if (!escalation.awaitsDecision()) {
      throw ApiException.conflict(settledProblem(escalation));
    }
    WriteOffRequest pending = escalation.pendingWriteOff();
    if (!review && pending != null) {
      throw ApiException.conflict(
          "a write-off requested by "
              + pending.requestedBy()
              + " awaits approval on "
              + escalationId
              + ": an approver must approve or reject it first");
    }
    if (review && pending == null) {
      throw ApiException.conflict("no write-off awaits approval on " + escalationId);
    }
    if (review
        && WriteOffReview.APPROVE.name().equals(signal.get("action"))
        && pending.requestedBy().equalsIgnoreCase(caller.getName())) {
      throw ApiException.forbidden("you requested this write-off: a second person must approve it");
    }
    sagas.decide(sagaId, signal, caller.getName());
    return ResponseEntity.status(HttpStatus.ACCEPTED)
        .body(Map.of("sagaId", sagaId, "decision", signal));
  }

  private Escalation escalation(String sagaId, String escalationId) {
    SagaState state = sagas.state(sagaId);
    return state.escalations().stream()
        .filter(e -> e.id().equals(escalationId))
        .findFirst()
        .orElseThrow(
            () -> ApiException.notFound("saga " + sagaId + " has no escalation " + escalationId));
  }

  /** Why a settled escalation takes no decision: it is recorded, or still being recorded. */
  private static String settledProblem(Escalation escalation) {
    String what = escalation.decision().action() + " by " + escalation.decision().operator();
    if (escalation.recorded()) {
      return "escalation " + escalation.id() + " was already settled: " + what;
    }
    return "escalation "
        + escalation.id()
        + " has a decision ("
        + what
        + ") that is being recorded"
        + (escalation.recordingDelayed()
            ? "; recording is delayed because the store does not answer, and amends keeps retrying"
            : "");
  }

  private static String saga(String sagaId) {
    String problem = TextRules.checkSagaId("sagaId", sagaId);
    if (problem != null) {
      throw ApiException.badField("sagaId", problem);
    }
    return sagaId;
  }

  private EscalationView view(EscalationRecord r) {
    return new EscalationView(
        r,
        properties.runbookUrl(r.runbook()),
        r.closedAt() != null ? "CLOSED" : r.awaitsApproval() ? "AWAITING_APPROVAL" : "OPEN",
        r.awaitsApproval()
            ? DecisionPaths.approve(r.sagaId(), r.escalationId())
            : DecisionPaths.decide(r.sagaId(), r.escalationId()));
  }
}
