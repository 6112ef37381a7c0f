package dev.amends.spring.sagas;

import dev.amends.saga.SagaState;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/** Any saga's state by its workflow id: orders, and drift escalations of the reconciler alike. */
@RestController
class SagaController {
  private final SagaQueries queries;

  SagaController(SagaQueries queries) {
    this.queries = queries;
  }

  @GetMapping("/sagas/{sagaId}")
  SagaState get(@PathVariable String sagaId) {
    return queries.state(sagaId);
  }
}
