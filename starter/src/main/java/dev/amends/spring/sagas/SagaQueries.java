package dev.amends.spring.sagas;

import dev.amends.activities.temporal.WorkflowNotFound;
import dev.amends.saga.SagaState;
import dev.amends.saga.SagaWorkflow;
import dev.amends.saga.SignalPayloads;
import dev.amends.saga.TextRules;
import dev.amends.spring.api.ApiException;
import io.temporal.client.WorkflowClient;
import java.util.Map;
import org.springframework.stereotype.Service;

/** Asks any amends saga, whatever its flow, for its state, and passes it operator decisions. */
@Service
public class SagaQueries {
  private final WorkflowClient client;
  private final CallerClients callers;

  public SagaQueries(WorkflowClient client, CallerClients callers) {
    this.client = client;
    this.callers = callers;
  }

  public SagaState state(String sagaId) {
    // An id no saga can have is refused before Temporal sees it (it would answer 500 otherwise).
    String problem = TextRules.checkSagaId("sagaId", sagaId);
    if (problem != null) {
      throw ApiException.badField("sagaId", problem);
    }
    try {
      return client.newWorkflowStub(SagaWorkflow.class, sagaId).sagaState();
    } catch (RuntimeException e) {
      if (WorkflowNotFound.is(e)) {
        throw ApiException.notFound("no saga " + sagaId);
      }
      throw e;
    }
  }

  /** Sends the decision as the caller, whose name Temporal records with the signal. */
  public void decide(String sagaId, Map<String, Object> decision, String caller) {
    callers
        .of(caller)
        .newWorkflowStub(SagaWorkflow.class, sagaId)
        .resolveEscalation(SignalPayloads.of(decision));
  }
}
