package dev.amends.sagas;

import dev.amends.api.ApiException;
import dev.amends.saga.SagaState;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowNotFoundException;
import io.temporal.client.WorkflowServiceException;
import java.util.Map;
import org.springframework.stereotype.Service;

/** Asks any amends saga, whatever its flow, for its state, and passes it operator decisions. */
@Service
public class SagaQueries {
  private final WorkflowClient client;

  public SagaQueries(WorkflowClient client) {
    this.client = client;
  }

  public SagaState state(String sagaId) {
    try {
      return client.newUntypedWorkflowStub(sagaId).query("sagaState", SagaState.class);
    } catch (WorkflowNotFoundException e) {
      throw ApiException.notFound("no saga " + sagaId);
    } catch (WorkflowServiceException e) {
      if (e.getCause() instanceof StatusRuntimeException grpc
          && grpc.getStatus().getCode() == Status.Code.NOT_FOUND) {
        throw ApiException.notFound("no saga " + sagaId);
      }
      throw e;
    }
  }

  public void decide(String sagaId, Map<String, Object> decision) {
    client.newUntypedWorkflowStub(sagaId).signal("resolveEscalation", decision);
  }
}
