package dev.amends.spring.api;

import io.grpc.StatusRuntimeException;
import io.temporal.client.WorkflowException;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;
import tools.jackson.databind.DatabindException;

/**
 * Every refusal as application/problem+json (Spring MVC's own errors included). Field problems are
 * named in {@code errors}: [{"field": "items[0].quantity", "message": "..."}].
 */
@RestControllerAdvice
public class ApiErrors extends ResponseEntityExceptionHandler {
  private static final Logger log = LoggerFactory.getLogger(ApiErrors.class);
  private static final String RETRY_AFTER_SECONDS = "5";

  @Override
  protected ResponseEntity<Object> handleMethodArgumentNotValid(
      MethodArgumentNotValidException e,
      HttpHeaders headers,
      HttpStatusCode status,
      WebRequest request) {
    List<Map<String, String>> errors =
        e.getBindingResult().getFieldErrors().stream()
            .map(
                f ->
                    Map.of("field", f.getField(), "message", String.valueOf(f.getDefaultMessage())))
            .toList();
    String fields =
        errors.stream()
            .map(m -> m.get("field"))
            .distinct()
            .sorted()
            .collect(Collectors.joining(", "));
    ProblemDetail problem =
        problem(HttpStatus.BAD_REQUEST, "Invalid request", "invalid field(s): " + fields);
    problem.setProperty("errors", errors);
    return ResponseEntity.badRequest().body(problem);
  }

  @Override
  protected ResponseEntity<Object> handleHttpMessageNotReadable(
      HttpMessageNotReadableException e,
      HttpHeaders headers,
      HttpStatusCode status,
      WebRequest request) {
    String field = null;
    if (e.getCause() instanceof DatabindException mapping && !mapping.getPath().isEmpty()) {
      field =
          mapping.getPath().stream()
              .map(
                  r ->
                      r.getPropertyName() != null
                          ? "." + r.getPropertyName()
                          : "[" + r.getIndex() + "]")
              .collect(Collectors.joining())
              .substring(1);
    }
    ProblemDetail problem =
        problem(
            HttpStatus.BAD_REQUEST,
            "Unreadable request",
            field == null
                ? "the body is not valid JSON for this request"
                : "field '" + field + "' has the wrong type or value");
    if (field != null) {
      problem.setProperty(
          "errors", List.of(Map.of("field", field, "message", "wrong type or value")));
    }
    return ResponseEntity.badRequest().body(problem);
  }

  @ExceptionHandler(ApiException.class)
  ResponseEntity<ProblemDetail> refused(ApiException e) {
    ProblemDetail problem = problem(e.status(), e.title(), e.getMessage());
    if (e.field() != null) {
      problem.setProperty("errors", List.of(Map.of("field", e.field(), "message", e.getMessage())));
    }
    e.properties().forEach(problem::setProperty);
    return ResponseEntity.status(e.status()).body(problem);
  }

  /**
   * Temporal or the database is away: 503 with Retry-After, never a 500, so that callers and load
   * balancers retry instead of giving up. Nothing was changed: a saga start that did not reach
   * Temporal did not happen, and repeating it with the same id is safe. Anything else is rethrown.
   */
  @ExceptionHandler({
    WorkflowException.class,
    StatusRuntimeException.class,
    DataAccessResourceFailureException.class,
    TransientDataAccessException.class
  })
  ResponseEntity<ProblemDetail> unavailable(RuntimeException e) {
    String away = Outages.partAway(e);
    if (away == null) {
      throw e;
    }
    log.warn("answering 503: {} is unavailable ({})", away, e.getClass().getSimpleName());
    ProblemDetail problem =
        problem(
            HttpStatus.SERVICE_UNAVAILABLE,
            "Temporarily unavailable",
            away + " cannot be reached; nothing was changed, try again shortly");
    return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
        .header(HttpHeaders.RETRY_AFTER, RETRY_AFTER_SECONDS)
        .body(problem);
  }

  private static ProblemDetail problem(HttpStatus status, String title, String detail) {
    ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
    problem.setTitle(title);
    problem.setType(URI.create("about:blank"));
    return problem;
  }
}
