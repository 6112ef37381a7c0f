package dev.amends.spring.security;

import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.AuthenticationEntryPoint;

/**
 * 401 for a caller without (valid) credentials: the challenge of the authentication scheme in
 * WWW-Authenticate, and a problem+json body. The detail never repeats a credential.
 */
final class ProblemAuthenticationEntryPoint implements AuthenticationEntryPoint {
  private final AuthenticationEntryPoint challenge;
  private final ProblemResponses problems;

  /** The challenge sets WWW-Authenticate (and may set the status) without writing a body. */
  ProblemAuthenticationEntryPoint(AuthenticationEntryPoint challenge, ProblemResponses problems) {
    this.challenge = challenge;
    this.problems = problems;
  }

  @Override
  public void commence(
      HttpServletRequest request, HttpServletResponse response, AuthenticationException e)
      throws IOException, ServletException {
    challenge.commence(request, response, e);
    String detail = "authentication is required to call " + request.getRequestURI();
    problems.write(request, response, HttpStatus.UNAUTHORIZED, detail);
  }
}
