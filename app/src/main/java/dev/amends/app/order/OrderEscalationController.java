package dev.amends.app.order;

import dev.amends.saga.TextRules;
import dev.amends.spring.api.ApiException;
import dev.amends.spring.escalation.DecisionRequest;
import dev.amends.spring.escalation.EscalationController;
import java.security.Principal;
import java.util.Map;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** The order flow's own paths to its escalations: the same as amends' saga paths, by order id. */
@RestController
class OrderEscalationController {
  private final EscalationController escalations;

  OrderEscalationController(EscalationController escalations) {
    this.escalations = escalations;
  }

  @PostMapping("/orders/{orderId}/escalations/{escalationId}")
  ResponseEntity<Map<String, Object>> decide(
      @PathVariable String orderId,
      @PathVariable String escalationId,
      @RequestBody DecisionRequest decision,
      Principal caller) {
    return escalations.decide(orderSaga(orderId), escalationId, decision, caller);
  }

  /** An approver's APPROVE or REJECT of a write-off another person requested. */
  @PostMapping("/orders/{orderId}/escalations/{escalationId}/approval")
  ResponseEntity<Map<String, Object>> review(
      @PathVariable String orderId,
      @PathVariable String escalationId,
      @RequestBody DecisionRequest review,
      Principal caller) {
    return escalations.review(orderSaga(orderId), escalationId, review, caller);
  }

  private static String orderSaga(String orderId) {
    String problem = TextRules.checkId("orderId", orderId);
    if (problem != null) {
      throw ApiException.badField("orderId", problem);
    }
    return OrderWorkflow.workflowId(orderId);
  }
}
