package dev.amends.spring.autoconfigure;

import dev.amends.activities.db.Migrations;
import java.sql.DatabaseMetaData;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.flywaydb.core.api.Location;
import org.flywaydb.core.api.configuration.FluentConfiguration;
import org.springframework.boot.flyway.autoconfigure.FlywayConfigurationCustomizer;
import org.springframework.boot.jdbc.DatabaseDriver;
import org.springframework.jdbc.support.JdbcUtils;
import org.springframework.jdbc.support.MetaDataAccessException;

/**
 * Adds amends' migration folders to the service's Flyway, for the database it runs on, so that its
 * tables share one history with the service's own.
 */
class AmendsMigrations implements FlywayConfigurationCustomizer {

  @Override
  public void customize(FluentConfiguration configuration) {
    String vendor = vendor(configuration.getDataSource());
    List<Location> locations = new ArrayList<>(List.of(configuration.getLocations()));
    for (String location : Migrations.locations(Migrations.AMENDS, vendor)) {
      Location amends = new Location(location);
      if (!locations.contains(amends)) {
        locations.add(amends);
      }
    }
    configuration.locations(locations.toArray(Location[]::new));
  }

  private static String vendor(DataSource dataSource) {
    try {
      return vendor(JdbcUtils.extractDatabaseMetaData(dataSource, DatabaseMetaData::getURL));
    } catch (MetaDataAccessException e) {
      throw new IllegalStateException("cannot tell which database amends' tables go to", e);
    }
  }

  static String vendor(String jdbcUrl) {
    DatabaseDriver driver = DatabaseDriver.fromJdbcUrl(jdbcUrl);
    if (driver != DatabaseDriver.H2 && driver != DatabaseDriver.POSTGRESQL) {
      throw new IllegalStateException(
          "amends' migrations exist for H2 and PostgreSQL, not "
              + driver
              + "; set amends.migrations.enabled=false and create its tables yourself");
    }
    return driver.getId();
  }
}
