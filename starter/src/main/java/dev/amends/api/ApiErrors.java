package dev.amends.api;

import com.fasterxml.jackson.databind.JsonMappingException;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * Every refusal as application/problem+json. Validation problems name each field in {@code
 * errors}: [{"field": "items[0].quantity", "message": "must be greater than 0"}].
 */
@RestControllerAdvice
public class ApiErrors {

  @ExceptionHandler(MethodArgumentNotValidException.class)
  ProblemDetail invalid(MethodArgumentNotValidException e) {
    List<Map<String, String>> errors =
        e.getBindingResult().getFieldErrors().stream()
            .map(f -> Map.of("field", f.getField(), "message", String.valueOf(f.getDefaultMessage())))
            .toList();
    String fields = errors.stream().map(m -> m.get("field")).distinct().collect(Collectors.joining(", "));
    ProblemDetail problem = problem(HttpStatus.BAD_REQUEST, "Invalid request", "invalid field(s): " + fields);
    problem.setProperty("errors", errors);
    return problem;
  }

  @ExceptionHandler(HttpMessageNotReadableException.class)
  ProblemDetail unreadable(HttpMessageNotReadableException e) {
    String field = null;
    if (e.getCause() instanceof JsonMappingException mapping && !mapping.getPath().isEmpty()) {
      field =
          mapping.getPath().stream()
              .map(r -> r.getFieldName() != null ? r.getFieldName() : "[" + r.getIndex() + "]")
              .collect(Collectors.joining("."))
              .replace(".[", "[");
    }
    ProblemDetail problem =
        problem(
            HttpStatus.BAD_REQUEST,
            "Unreadable request",
            field == null ? "the body is not valid JSON for this request" : "field '" + field + "' has the wrong type or value");
    if (field != null) {
      problem.setProperty("errors", List.of(Map.of("field", field, "message", "wrong type or value")));
    }
    return problem;
  }

  @ExceptionHandler(ApiException.class)
  ProblemDetail refused(ApiException e) {
    ProblemDetail problem = problem(e.status(), e.title(), e.getMessage());
    if (e.field() != null) {
      problem.setProperty("errors", List.of(Map.of("field", e.field(), "message", e.getMessage())));
    }
    e.properties().forEach(problem::setProperty);
    return problem;
  }

  private static ProblemDetail problem(HttpStatus status, String title, String detail) {
    ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
    problem.setTitle(title);
    problem.setType(URI.create("about:blank"));
    return problem;
  }
}
