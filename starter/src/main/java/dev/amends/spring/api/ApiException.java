package dev.amends.spring.api;

import java.util.Map;
import org.springframework.http.HttpStatus;

/** A refusal the API answers with its own status and a problem+json body. */
public class ApiException extends RuntimeException {
  private final HttpStatus status;
  private final String title;
  private final String field;
  private final Map<String, Object> properties;

  public ApiException(HttpStatus status, String title, String detail) {
    this(status, title, detail, null, Map.of());
  }

  public ApiException(
      HttpStatus status,
      String title,
      String detail,
      String field,
      Map<String, Object> properties) {
    super(detail);
    this.status = status;
    this.title = title;
    this.field = field;
    this.properties = properties;
  }

  public static ApiException badField(String field, String detail) {
    return new ApiException(HttpStatus.BAD_REQUEST, "Invalid request", detail, field, Map.of());
  }

  public static ApiException notFound(String detail) {
    return new ApiException(HttpStatus.NOT_FOUND, "Not found", detail);
  }

  public static ApiException forbidden(String detail) {
    return new ApiException(HttpStatus.FORBIDDEN, "Forbidden", detail);
  }

  public static ApiException conflict(String detail) {
    return new ApiException(HttpStatus.CONFLICT, "Conflict", detail);
  }

  public HttpStatus status() {
    return status;
  }

  public String title() {
    return title;
  }

  public String field() {
    return field;
  }

  public Map<String, Object> properties() {
    return properties;
  }
}
