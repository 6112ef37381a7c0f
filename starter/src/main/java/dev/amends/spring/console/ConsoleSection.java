package dev.amends.spring.console;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;
import org.springframework.security.core.Authentication;

/**
 * A page of the operator console that a service adds beside amends' own, and the forms posted under
 * it. Declare one as a bean; the console then
 *
 * <ul>
 *   <li>lets {@code GET path} and {@code GET path/**} through for the {@code readers} only,
 *   <li>lets {@code POST} through for each form's path and roles only (with a CSRF token, as every
 *       console form), and refuses any other POST under the path with {@code 403},
 *   <li>shows the section in its navigation to those who may read it.
 * </ul>
 *
 * <p>Serve the pages from a controller marked {@link ConsolePage}, whose views use the console's
 * {@code amends-console/fragments :: head(title)} and {@code :: nav} fragments:
 *
 * <pre>{@code
 * @Bean
 * ConsoleSection refunds() {
 *   return ConsoleSection.of("Refunds", "/console/refunds", Roles.OPERATOR, Roles.ADMIN)
 *       .withForm("/console/refunds/{refundId}/retry", Roles.OPERATOR, Roles.ADMIN);
 * }
 * }</pre>
 *
 * @param label the navigation link's text
 * @param path where the section's pages are, {@code /console/} and lower-case words
 * @param readers the roles (without {@code ROLE_}) that may read its pages
 * @param forms the forms posted under it, each with the roles that may post it
 */
public record ConsoleSection(String label, String path, List<String> readers, List<Form> forms) {
  private static final Pattern PATH = Pattern.compile("/console(/[a-z0-9-]+)+");

  /**
   * A form of the section.
   *
   * @param path a path pattern under the section's path, e.g. {@code /console/x/{id}/retry}
   * @param roles the roles that may post it
   */
  public record Form(String path, List<String> roles) {
    public Form {
      roles = checkRoles(path, roles);
    }
  }

  public ConsoleSection {
    if (label == null || label.isBlank()) {
      throw new IllegalArgumentException("a console section needs a label");
    }
    if (path == null || !PATH.matcher(path).matches()) {
      throw new IllegalArgumentException(
          "console section path " + path + " must be /console/ and lower-case words");
    }
    readers = checkRoles(path, readers);
    forms = List.copyOf(forms);
    for (Form form : forms) {
      if (!form.path().startsWith(path + "/")) {
        throw new IllegalArgumentException(
            "form " + form.path() + " is not under its section's path " + path);
      }
    }
  }

  /** A section without forms, readable by the given roles. */
  public static ConsoleSection of(String label, String path, String... readers) {
    return new ConsoleSection(label, path, Arrays.asList(readers), List.of());
  }

  /** This section with one more form, which the given roles may post. */
  public ConsoleSection withForm(String formPath, String... roles) {
    List<Form> more = new ArrayList<>(forms);
    more.add(new Form(formPath, Arrays.asList(roles)));
    return new ConsoleSection(label, path, readers, more);
  }

  /** Whether this person may read the section: what its link and the security rule both follow. */
  public boolean readableBy(Authentication who) {
    return holdsAny(who, readers);
  }

  /**
   * Whether this person may post the form declared with {@code formPath}: show a form only when
   * this says yes, and the server's rule agrees.
   *
   * @throws IllegalArgumentException when the section declares no such form
   */
  public boolean allowsPost(Authentication who, String formPath) {
    Form form =
        forms.stream()
            .filter(f -> f.path().equals(formPath))
            .findFirst()
            .orElseThrow(
                () -> new IllegalArgumentException(path + " declares no form " + formPath));
    return holdsAny(who, form.roles());
  }

  /** Whether a request path is this section's page or one below it. */
  boolean contains(String requestPath) {
    return requestPath.equals(path) || requestPath.startsWith(path + "/");
  }

  private static boolean holdsAny(Authentication who, List<String> roles) {
    return who != null
        && who.isAuthenticated()
        && who.getAuthorities().stream()
            .anyMatch(a -> roles.stream().anyMatch(r -> ("ROLE_" + r).equals(a.getAuthority())));
  }

  private static List<String> checkRoles(String where, List<String> roles) {
    if (roles == null || roles.isEmpty()) {
      throw new IllegalArgumentException(where + " needs at least one role");
    }
    for (String role : roles) {
      // Spring's hasAnyRole adds the prefix itself, and refuses a role that has it.
      if (role == null || role.isBlank() || role.startsWith("ROLE_")) {
        throw new IllegalArgumentException(where + ": '" + role + "' is not a role name");
      }
    }
    return List.copyOf(roles);
  }
}
