package dev.amends.spring.console;

import dev.amends.spring.api.ApiException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.security.core.Authentication;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;

/**
 * What every console page's model holds, for amends' pages and a service's alike ({@link
 * ConsolePage}); and the problem page for a failed read. Ordered before the API's error advice,
 * which would answer JSON.
 */
@ControllerAdvice(annotations = ConsolePage.class)
@Order(Ordered.HIGHEST_PRECEDENCE)
class ConsolePageModel {
  private final ConsoleSections sections;

  ConsolePageModel(ConsoleSections sections) {
    this.sections = sections;
  }

  @ModelAttribute
  void page(Model model, Authentication who, HttpServletRequest request) {
    fill(model, who, request);
  }

  /** A failed read or form: no such saga or story (404), an id none can have (400), ... */
  @ExceptionHandler(ApiException.class)
  String problem(
      ApiException e,
      Authentication who,
      HttpServletRequest request,
      HttpServletResponse response,
      Model model) {
    response.setStatus(e.status().value());
    fill(model, who, request);
    model.addAttribute("status", e.status().value());
    model.addAttribute("title", e.title());
    model.addAttribute("detail", e.getMessage());
    return "amends-console/problem";
  }

  /** A form field that is not of its kind (letters where a number goes), named, as a page. */
  @ExceptionHandler(MethodArgumentTypeMismatchException.class)
  String wrongKind(
      MethodArgumentTypeMismatchException e,
      Authentication who,
      HttpServletRequest request,
      HttpServletResponse response,
      Model model) {
    Class<?> type = e.getRequiredType();
    boolean whole =
        type == Long.class || type == long.class || type == Integer.class || type == int.class;
    String kind = whole ? "a whole number" : "of another kind";
    return problem(
        ApiException.badField(e.getName(), e.getName() + " must be " + kind),
        who,
        request,
        response,
        model);
  }

  private void fill(Model model, Authentication who, HttpServletRequest request) {
    String path = request.getRequestURI().substring(request.getContextPath().length());
    model.addAttribute("user", who == null ? null : who.getName());
    model.addAttribute("sections", sections.readableBy(who));
    model.addAttribute("section", sections.at(path));
  }
}
