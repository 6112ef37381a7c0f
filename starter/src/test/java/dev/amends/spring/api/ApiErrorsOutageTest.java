package dev.amends.spring.api;

import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.temporal.api.common.v1.WorkflowExecution;
import io.temporal.client.WorkflowServiceException;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/** Temporal or the database away answers 503 problem+json; any other failure is not disguised. */
class ApiErrorsOutageTest {

  @RestController
  static class Failing {
    @GetMapping("/fail/{what}")
    String fail(@PathVariable String what) {
      WorkflowExecution run = WorkflowExecution.newBuilder().setWorkflowId("order-1").build();
      throw switch (what) {
        case "temporal" ->
            new WorkflowServiceException(
                run, "OrderWorkflow", new StatusRuntimeException(Status.UNAVAILABLE));
        case "temporal-slow" -> new StatusRuntimeException(Status.DEADLINE_EXCEEDED);
        case "database" ->
            new CannotGetJdbcConnectionException(
                "Failed to obtain JDBC Connection", new java.sql.SQLTransientConnectionException());
        case "temporal-refused" ->
            new WorkflowServiceException(
                run, "OrderWorkflow", new StatusRuntimeException(Status.PERMISSION_DENIED));
        default -> new IllegalStateException(what);
      };
    }
  }

  private final MockMvc mvc =
      MockMvcBuilders.standaloneSetup(new Failing()).setControllerAdvice(new ApiErrors()).build();

  @Test
  void temporalAwayAnswers503ProblemWithRetryAfter() throws Exception {
    for (String what : new String[] {"temporal", "temporal-slow"}) {
      mvc.perform(get("/fail/" + what))
          .andExpect(status().isServiceUnavailable())
          .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
          .andExpect(header().string("Retry-After", "5"))
          .andExpect(jsonPath("$.status").value(503))
          .andExpect(
              jsonPath("$.detail").value(org.hamcrest.Matchers.startsWith("the workflow service")));
    }
  }

  @Test
  void theDatabaseAwayAnswers503Problem() throws Exception {
    mvc.perform(get("/fail/database"))
        .andExpect(status().isServiceUnavailable())
        .andExpect(jsonPath("$.detail").value(org.hamcrest.Matchers.startsWith("the database")));
  }

  @Test
  void aRefusalByTemporalIsNotPassedOffAsAnOutage() {
    assertThatThrownBy(() -> mvc.perform(get("/fail/temporal-refused")))
        .rootCause()
        .isInstanceOf(StatusRuntimeException.class)
        .hasMessageContaining("PERMISSION_DENIED");
  }
}
