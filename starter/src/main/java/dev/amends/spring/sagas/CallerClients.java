package dev.amends.spring.sagas;

import dev.amends.activities.escalation.DecisionSources;
import io.temporal.client.WorkflowClient;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.stereotype.Component;

/**
 * A workflow client per API caller, whose identity Temporal records on what it sends ({@code
 * amends-api:<caller>}), so a signal's history event names who sent it over the API. They share the
 * application client's connection; making one is cheap. The prefix is the one {@link
 * DecisionSources} reads the channel from.
 */
@Component
class CallerClients {
  // Callers are a bounded set of people and services; the cap only guards against a flood.
  private static final int MAX_CACHED = 1_000;

  private final WorkflowClient client;
  private final Map<String, WorkflowClient> byCaller = new ConcurrentHashMap<>();

  CallerClients(WorkflowClient client) {
    this.client = client;
  }

  WorkflowClient of(String caller) {
    if (byCaller.size() >= MAX_CACHED) {
      byCaller.clear();
    }
    return byCaller.computeIfAbsent(
        caller,
        name ->
            WorkflowClient.newInstance(
                client.getWorkflowServiceStubs(),
                client.getOptions().toBuilder()
                    .setIdentity(DecisionSources.API_IDENTITY_PREFIX + name)
                    .build()));
  }
}
