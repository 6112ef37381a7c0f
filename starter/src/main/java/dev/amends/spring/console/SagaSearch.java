package dev.amends.spring.console;

import dev.amends.saga.AmendsSaga;
import dev.amends.saga.SagaStatus;
import dev.amends.saga.TextRules;
import dev.amends.spring.sagas.SagaFlow;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.temporal.api.enums.v1.WorkflowExecutionStatus;
import io.temporal.api.workflow.v1.WorkflowExecutionInfo;
import io.temporal.api.workflowservice.v1.ListClosedWorkflowExecutionsRequest;
import io.temporal.api.workflowservice.v1.ListOpenWorkflowExecutionsRequest;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowExecutionMetadata;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Finds sagas by flow, status and id. On a Temporal server it asks the visibility store with a
 * query; the in-process test server of the embedded default has no such query, so there it lists
 * every execution and filters them here (it holds one process's sagas, not a production's).
 */
final class SagaSearch {
  /** What the console's form asks for; blank means any. */
  record Criteria(String flow, String status, String id) {}

  /** One saga found, its latest run. */
  record Row(
      String sagaId,
      String flow,
      String status,
      String execution,
      Instant started,
      Instant closed,
      long events) {}

  /** The statuses one can search for: a saga's own, as {@link SagaStatus} names them. */
  static final List<String> STATUSES = Stream.of(SagaStatus.values()).map(Enum::name).toList();

  private static final Pattern WORKFLOW_TYPE = Pattern.compile("[A-Za-z0-9_.$-]{1,200}");

  private final WorkflowClient client;
  private final List<SagaFlow<?>> flows;

  /** {@code flows}: the saga flows this service knows (its {@link SagaFlow} beans). */
  SagaSearch(WorkflowClient client, List<SagaFlow<?>> flows) {
    this.client = client;
    this.flows = flows;
  }

  /** The known flows' workflow types, sorted. */
  Set<String> flowTypes() {
    Set<String> types = new TreeSet<>();
    flows.forEach(f -> types.add(f.workflowType()));
    return types;
  }

  /** Why the criteria cannot be searched for, naming the field; null when they can. */
  static String problem(Criteria c) {
    if (!c.flow().isEmpty() && !WORKFLOW_TYPE.matcher(c.flow()).matches()) {
      return "flow: not a workflow type";
    }
    if (!c.status().isEmpty() && !STATUSES.contains(c.status())) {
      return "status: not a saga status";
    }
    if (!c.id().isEmpty() && TextRules.checkSagaId("id", c.id()) != null) {
      return TextRules.checkSagaId("id", c.id());
    }
    return null;
  }

  /**
   * The newest sagas that match, at most {@code limit}. A search without a flow is limited to the
   * known flows when there are any, and an id is also tried as each one's business id (an order id
   * finds {@code order-<id>}).
   */
  List<Row> find(Criteria c, int limit) {
    Set<String> idCandidates = new TreeSet<>();
    if (!c.id().isEmpty()) {
      idCandidates.add(c.id());
      for (SagaFlow<?> f : flows) {
        if (c.flow().isEmpty() || c.flow().equals(f.workflowType())) {
          idCandidates.add(f.workflowId(c.id()));
        }
      }
    }
    return find(c, flowTypes(), idCandidates, limit);
  }

  private List<Row> find(Criteria c, Set<String> flows, Set<String> idCandidates, int limit) {
    try {
      return client
          .listExecutions(query(c, flows, idCandidates))
          .limit(limit)
          .map(SagaSearch::row)
          .toList();
    } catch (RuntimeException e) {
      if (!unimplemented(e)) {
        throw e;
      }
      return scan(c, flows, idCandidates, limit);
    }
  }

  /** The visibility query; every value is checked or quoted, never pasted raw. */
  static String query(Criteria c, Set<String> flows, Set<String> ids) {
    List<String> clauses = new ArrayList<>();
    if (!c.flow().isEmpty()) {
      clauses.add("WorkflowType = " + quote(c.flow()));
    } else if (!flows.isEmpty()) {
      clauses.add("WorkflowType IN (" + list(flows) + ")");
    }
    if (!ids.isEmpty()) {
      clauses.add("WorkflowId IN (" + list(ids) + ")");
    }
    String attribute = AmendsSaga.SAGA_STATUS.getName();
    switch (c.status()) {
      case "" -> clauses.add("ExecutionStatus != 'ContinuedAsNew'");
      // The happy path never writes the attribute: a saga without it has not left that path.
      case "RUNNING" -> clauses.add("ExecutionStatus = 'Running' AND " + attribute + " IS NULL");
      case "COMPLETED" ->
          clauses.add(
              "(("
                  + attribute
                  + " IS NULL AND ExecutionStatus = 'Completed') OR "
                  + attribute
                  + " = 'COMPLETED')");
      default -> clauses.add(attribute + " = " + quote(c.status()));
    }
    return String.join(" AND ", clauses);
  }

  private static String list(Set<String> values) {
    return String.join(", ", values.stream().map(SagaSearch::quote).toList());
  }

  private static String quote(String value) {
    return "'" + value.replace("\\", "\\\\").replace("'", "\\'") + "'";
  }

  private static Row row(WorkflowExecutionMetadata m) {
    String status = m.getTypedSearchAttributes().get(AmendsSaga.SAGA_STATUS);
    return new Row(
        m.getExecution().getWorkflowId(),
        m.getWorkflowType(),
        sagaStatus(status, m.getStatus()),
        executionName(m.getStatus()),
        m.getStartTime(),
        m.getCloseTime(),
        m.getHistoryLength());
  }

  // --- the in-process test server: list, then filter here --------------------------------

  private List<Row> scan(Criteria c, Set<String> flows, Set<String> ids, int limit) {
    String namespace = client.getOptions().getNamespace();
    var stub = client.getWorkflowServiceStubs().blockingStub();
    List<WorkflowExecutionInfo> all = new ArrayList<>();
    all.addAll(
        stub.listOpenWorkflowExecutions(
                ListOpenWorkflowExecutionsRequest.newBuilder()
                    .setNamespace(namespace)
                    .setMaximumPageSize(10_000)
                    .build())
            .getExecutionsList());
    all.addAll(
        stub.listClosedWorkflowExecutions(
                ListClosedWorkflowExecutionsRequest.newBuilder()
                    .setNamespace(namespace)
                    .setMaximumPageSize(10_000)
                    .build())
            .getExecutionsList());
    Set<String> seen = new LinkedHashSet<>();
    return all.stream()
        .filter(
            i ->
                i.getStatus() != WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_CONTINUED_AS_NEW)
        .filter(
            i ->
                c.flow().isEmpty()
                    ? flows.isEmpty() || flows.contains(i.getType().getName())
                    : c.flow().equals(i.getType().getName()))
        .filter(i -> ids.isEmpty() || ids.contains(i.getExecution().getWorkflowId()))
        .sorted(
            Comparator.comparing((WorkflowExecutionInfo i) -> i.getStartTime().getSeconds())
                .thenComparing(i -> i.getStartTime().getNanos())
                .reversed())
        .filter(i -> seen.add(i.getExecution().getWorkflowId()))
        .map(this::described)
        .filter(r -> c.status().isEmpty() || c.status().equals(r.status()))
        .limit(limit)
        .toList();
  }

  /** The test server's list carries no search attributes: a describe adds the saga's status. */
  private Row described(WorkflowExecutionInfo info) {
    String workflowId = info.getExecution().getWorkflowId();
    String status = null;
    Instant closed = null;
    try {
      var description = client.newUntypedWorkflowStub(workflowId).describe();
      status = description.getTypedSearchAttributes().get(AmendsSaga.SAGA_STATUS);
      closed = description.getCloseTime();
    } catch (RuntimeException gone) {
      // Described after it was listed and gone since: its listed status stands.
    }
    return new Row(
        workflowId,
        info.getType().getName(),
        sagaStatus(status, info.getStatus()),
        executionName(info.getStatus()),
        Instant.ofEpochSecond(info.getStartTime().getSeconds(), info.getStartTime().getNanos()),
        closed,
        info.getHistoryLength());
  }

  /** The saga's own status: its attribute, or, on the happy path, where its run stands. */
  static String sagaStatus(String attribute, WorkflowExecutionStatus execution) {
    if (attribute != null && !attribute.isBlank()) {
      return attribute;
    }
    return switch (execution) {
      case WORKFLOW_EXECUTION_STATUS_RUNNING -> SagaStatus.RUNNING.name();
      case WORKFLOW_EXECUTION_STATUS_COMPLETED -> SagaStatus.COMPLETED.name();
      default -> executionName(execution);
    };
  }

  private static String executionName(WorkflowExecutionStatus s) {
    return s.name().replace("WORKFLOW_EXECUTION_STATUS_", "");
  }

  private static boolean unimplemented(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof StatusRuntimeException s
          && s.getStatus().getCode() == Status.Code.UNIMPLEMENTED) {
        return true;
      }
    }
    return false;
  }
}
