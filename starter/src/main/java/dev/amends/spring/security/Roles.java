package dev.amends.spring.security;

import java.util.List;

/** The roles the API knows; an authority is the role with Spring's "ROLE_" prefix. */
public final class Roles {
  /** A service that starts orders and reads them. */
  public static final String SERVICE = "SERVICE";

  /** A person who edits stories, undoes edits and rolls stories back. */
  public static final String EDITOR = "EDITOR";

  /** A person who reads sagas, escalations, the ledger and the reconciler, and decides. */
  public static final String OPERATOR = "OPERATOR";

  /** The second person a write-off needs. */
  public static final String APPROVER = "APPROVER";

  /** A metrics scraper (Prometheus): reads {@code /actuator/prometheus}, and nothing else. */
  public static final String METRICS = "METRICS";

  /** Everything, the sandbox and the actuator included. */
  public static final String ADMIN = "ADMIN";

  public static final List<String> ALL =
      List.of(SERVICE, EDITOR, OPERATOR, APPROVER, METRICS, ADMIN);

  private Roles() {}
}
