package dev.amends.activities.db;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A freshly migrated database for one test: an in-memory H2 database, or a new schema in the
 * PostgreSQL of the integration run (scripts/it-env.sh) — the same migrations the application runs,
 * so the same tests hold on both.
 */
public final class TestDatabase implements AutoCloseable {
  public enum Vendor {
    H2,
    POSTGRESQL
  }

  private final Vendor vendor;
  private final HikariDataSource dataSource;
  private final String schema;

  private TestDatabase(Vendor vendor, HikariDataSource dataSource, String schema) {
    this.vendor = vendor;
    this.dataSource = dataSource;
    this.schema = schema;
  }

  /** A database with amends' tables, and those of every further migration root given. */
  public static TestDatabase create(Vendor vendor, String... moreMigrationRoots) {
    String name = "t" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
    HikariConfig config = new HikariConfig();
    config.setMaximumPoolSize(12);
    config.setPoolName(name);
    if (vendor == Vendor.H2) {
      config.setJdbcUrl(
          "jdbc:h2:mem:"
              + name
              + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1");
      config.setUsername("sa");
      config.setPassword("");
    } else {
      String url = postgresUrl();
      createSchema(url, name);
      config.setJdbcUrl(url + (url.contains("?") ? "&" : "?") + "currentSchema=" + name);
      config.setUsername(user());
      config.setPassword(password());
    }
    HikariDataSource dataSource = new HikariDataSource(config);
    String vendorFolder = vendor == Vendor.H2 ? "h2" : "postgresql";
    List<String> locations = new ArrayList<>(Migrations.locations(Migrations.AMENDS, vendorFolder));
    for (String root : moreMigrationRoots) {
      locations.addAll(Migrations.locations(root, vendorFolder));
    }
    Flyway.configure()
        .dataSource(dataSource)
        .locations(locations.toArray(String[]::new))
        .load()
        .migrate();
    return new TestDatabase(vendor, dataSource, vendor == Vendor.H2 ? null : name);
  }

  public Vendor vendor() {
    return vendor;
  }

  public DataSource dataSource() {
    return dataSource;
  }

  public JdbcClient jdbc() {
    return JdbcClient.create(dataSource);
  }

  /**
   * Runs {@code tampering} with the append-only guard of {@code table} lifted, as someone with the
   * rights to change the schema could, then puts the guard back.
   */
  public void tamper(String table, Runnable tampering) {
    JdbcClient jdbc = jdbc();
    if (vendor == Vendor.H2) {
      jdbc.sql("DROP TRIGGER " + table + "_append_only").update();
      try {
        tampering.run();
      } finally {
        jdbc.sql(
                "CREATE TRIGGER "
                    + table
                    + "_append_only BEFORE UPDATE, DELETE ON "
                    + table
                    + " FOR EACH ROW CALL 'dev.amends.activities.db.AppendOnlyTrigger'")
            .update();
      }
    } else {
      jdbc.sql("ALTER TABLE " + table + " DISABLE TRIGGER " + table + "_append_only").update();
      try {
        tampering.run();
      } finally {
        jdbc.sql("ALTER TABLE " + table + " ENABLE TRIGGER " + table + "_append_only").update();
      }
    }
  }

  @Override
  public void close() throws Exception {
    dataSource.close();
    if (schema != null) {
      try (Connection c = DriverManager.getConnection(postgresUrl(), user(), password());
          Statement s = c.createStatement()) {
        s.execute("DROP SCHEMA " + schema + " CASCADE");
      }
    }
  }

  private static void createSchema(String url, String name) {
    try (Connection c = DriverManager.getConnection(url, user(), password());
        Statement s = c.createStatement()) {
      s.execute("CREATE SCHEMA " + name);
    } catch (Exception e) {
      throw new IllegalStateException("cannot create schema " + name + " at " + url, e);
    }
  }

  private static String postgresUrl() {
    String url = System.getenv("AMENDS_IT_DB_URL");
    if (url == null || url.isBlank()) {
      throw new IllegalStateException(
          "AMENDS_IT_DB_URL is not set: start PostgreSQL with scripts/it-env.sh start and source its output");
    }
    return url;
  }

  private static String user() {
    return System.getenv().getOrDefault("AMENDS_DB_USER", "amends");
  }

  private static String password() {
    return System.getenv().getOrDefault("AMENDS_DB_PASSWORD", "amends");
  }
}
