package dev.amends.spring.security;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.web.access.AccessDeniedHandler;

/** 403 for an authenticated caller whose roles do not allow the call, as problem+json. */
final class ProblemAccessDeniedHandler implements AccessDeniedHandler {
  private final ProblemResponses problems;

  ProblemAccessDeniedHandler(ProblemResponses problems) {
    this.problems = problems;
  }

  @Override
  public void handle(
      HttpServletRequest request, HttpServletResponse response, AccessDeniedException e)
      throws IOException {
    problems.write(
        request,
        response,
        HttpStatus.FORBIDDEN,
        "your roles do not allow " + request.getMethod() + " " + request.getRequestURI());
  }
}
