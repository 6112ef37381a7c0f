package dev.amends.app.order;

import dev.amends.saga.SagaState;
import dev.amends.spring.sagas.SagaQueries;
import jakarta.validation.Valid;
import java.net.URI;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/orders")
class OrderController {
  private final OrderSagas sagas;
  private final SagaQueries queries;

  OrderController(OrderSagas sagas, SagaQueries queries) {
    this.sagas = sagas;
    this.queries = queries;
  }

  /** 201 when this call started the saga; 200 when it was started before with the same order. */
  @PostMapping
  ResponseEntity<OrderSagas.Started> place(@Valid @RequestBody OrderRequest request) {
    OrderSagas.Started started = sagas.start(request.toOrder());
    if (started.created()) {
      return ResponseEntity.created(URI.create("/orders/" + started.orderId())).body(started);
    }
    return ResponseEntity.ok(started);
  }

  @GetMapping("/{orderId}")
  SagaState get(@PathVariable String orderId) {
    return queries.state(OrderWorkflow.workflowId(orderId));
  }
}
