package dev.amends.spring.console;

import static org.assertj.core.api.Assertions.assertThat;

import io.temporal.api.enums.v1.WorkflowExecutionStatus;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

class SagaSearchTest {
  private static final Set<String> NONE = Set.of();

  @Test
  void givenAFlowAStatusAndAnOrderId_theQueryAsksForAllThree() {
    String query =
        SagaSearch.query(
            new SagaSearch.Criteria("OrderWorkflow", "NEEDS_OPERATOR", "42"),
            Set.of("OrderWorkflow"),
            new TreeSet<>(Set.of("42", "order-42")));

    assertThat(query)
        .isEqualTo(
            "WorkflowType = 'OrderWorkflow' AND WorkflowId IN ('42', 'order-42')"
                + " AND SagaStatus = 'NEEDS_OPERATOR'");
  }

  @Test
  void givenNoFlow_theSearchIsLimitedToTheKnownFlows_andShowsOneRunPerSaga() {
    String query =
        SagaSearch.query(
            new SagaSearch.Criteria("", "", ""), new TreeSet<>(Set.of("A", "B")), NONE);

    assertThat(query)
        .isEqualTo("WorkflowType IN ('A', 'B') AND ExecutionStatus != 'ContinuedAsNew'");
  }

  @Test
  void givenTheHappyPathsStatuses_theyAreFoundWithoutTheAttribute_whichThatPathNeverWrites() {
    assertThat(SagaSearch.query(new SagaSearch.Criteria("", "RUNNING", ""), NONE, NONE))
        .isEqualTo("ExecutionStatus = 'Running' AND SagaStatus IS NULL");
    assertThat(SagaSearch.query(new SagaSearch.Criteria("", "COMPLETED", ""), NONE, NONE))
        .isEqualTo(
            "((SagaStatus IS NULL AND ExecutionStatus = 'Completed') OR SagaStatus = 'COMPLETED')");
    assertThat(
            SagaSearch.sagaStatus(
                null, WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_COMPLETED))
        .isEqualTo("COMPLETED");
    assertThat(
            SagaSearch.sagaStatus(
                "COMPENSATED", WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_COMPLETED))
        .isEqualTo("COMPENSATED");
  }

  @Test
  void givenAnIdWithQuotes_itStaysOneQuotedValue() {
    String query =
        SagaSearch.query(
            new SagaSearch.Criteria("", "", "a'b"), NONE, Set.of("a' OR WorkflowId != '"));

    assertThat(query).startsWith("WorkflowId IN ('a\\' OR WorkflowId != \\'')");
  }

  @Test
  void givenWhatNoSagaCanBe_theProblemNamesTheField() {
    assertThat(SagaSearch.problem(new SagaSearch.Criteria("x' OR 1=1", "", "")))
        .startsWith("flow:");
    assertThat(SagaSearch.problem(new SagaSearch.Criteria("", "DONE-ISH", "")))
        .startsWith("status:");
    assertThat(SagaSearch.problem(new SagaSearch.Criteria("", "", "a\nb"))).startsWith("id");
    assertThat(SagaSearch.problem(new SagaSearch.Criteria("OrderWorkflow", "COMPENSATED", "7")))
        .isNull();
  }
}
