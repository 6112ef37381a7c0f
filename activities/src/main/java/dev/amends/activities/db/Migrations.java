package dev.amends.activities.db;

import java.util.List;

/**
 * Where amends' schema migrations live: {@code common} for every database, plus one folder per
 * vendor ({@code h2}, {@code postgresql}) for what differs, such as the append-only triggers. Their
 * versions leave room for an application's own migrations in one Flyway history.
 */
public final class Migrations {
  /** The classpath folder of amends' own tables: escalations, alerts and the effect ledger. */
  public static final String AMENDS = "db/amends";

  private Migrations() {}

  /** The Flyway locations of {@code root} for {@code vendor}, as Flyway's API takes them. */
  public static List<String> locations(String root, String vendor) {
    return List.of("classpath:" + root + "/common", "classpath:" + root + "/" + vendor);
  }
}
