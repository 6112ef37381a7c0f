package dev.amends.spring.console;

import static dev.amends.spring.security.Roles.ADMIN;
import static dev.amends.spring.security.Roles.APPROVER;
import static dev.amends.spring.security.Roles.OPERATOR;

import java.util.ArrayList;
import java.util.List;
import org.springframework.security.core.Authentication;

/**
 * The console's sections: amends' own first, then the service's {@link ConsoleSection} beans in
 * their order. One list serves the security rules, the navigation and the current section, so a
 * link is shown exactly when its page is let through.
 */
final class ConsoleSections {
  static final String DECIDE = "/console/sagas/{sagaId}/escalations/{escalationId}/decision";
  static final String APPROVE = "/console/sagas/{sagaId}/escalations/{escalationId}/approval";

  static final ConsoleSection INBOX =
      ConsoleSection.of("Inbox", "/console/inbox", OPERATOR, APPROVER, ADMIN);
  // Decisions: operators; the second person of a write-off: approvers.
  static final ConsoleSection SAGAS =
      ConsoleSection.of("Sagas", "/console/sagas", OPERATOR, APPROVER, ADMIN)
          .withForm(DECIDE, OPERATOR, ADMIN)
          .withForm(APPROVE, APPROVER, ADMIN);
  static final ConsoleSection LEDGER =
      ConsoleSection.of("Ledger", "/console/ledger", OPERATOR, ADMIN);

  /** Paths a service's section may not take: amends' own pages and its static files. */
  private static final List<String> RESERVED = List.of("/console/assets");

  private final List<ConsoleSection> all;

  ConsoleSections(List<ConsoleSection> services) {
    List<ConsoleSection> sections = new ArrayList<>(List.of(INBOX, SAGAS, LEDGER));
    for (ConsoleSection added : services) {
      for (ConsoleSection taken : sections) {
        if (overlap(added.path(), taken.path())) {
          throw new IllegalStateException(
              "console section " + added.path() + " overlaps " + taken.path());
        }
      }
      if (RESERVED.stream().anyMatch(r -> overlap(added.path(), r))) {
        throw new IllegalStateException("console section " + added.path() + " is reserved");
      }
      sections.add(added);
    }
    this.all = List.copyOf(sections);
  }

  List<ConsoleSection> all() {
    return all;
  }

  List<ConsoleSection> readableBy(Authentication who) {
    return all.stream().filter(s -> s.readableBy(who)).toList();
  }

  /** The section a request path is in, or null (the home page, the login page). */
  ConsoleSection at(String requestPath) {
    return all.stream().filter(s -> s.contains(requestPath)).findFirst().orElse(null);
  }

  private static boolean overlap(String a, String b) {
    return a.equals(b) || a.startsWith(b + "/") || b.startsWith(a + "/");
  }
}
