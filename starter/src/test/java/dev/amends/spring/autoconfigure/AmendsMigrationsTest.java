package dev.amends.spring.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.Location;
import org.flywaydb.core.api.configuration.FluentConfiguration;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

class AmendsMigrationsTest {

  @Test
  void givenAServiceWithItsOwnMigrations_amendsTablesJoinTheSameHistory_forItsDatabase() {
    FluentConfiguration flyway =
        Flyway.configure()
            .dataSource(h2("own"))
            .locations("classpath:db/service/common", "classpath:db/service/h2");

    new AmendsMigrations().customize(flyway);

    assertThat(Arrays.stream(flyway.getLocations()).map(Location::toString))
        .containsExactlyInAnyOrder(
            "classpath:db/service/common",
            "classpath:db/service/h2",
            "classpath:db/amends/common",
            "classpath:db/amends/h2");
    flyway.load().migrate();
  }

  @Test
  void givenTheLocationsAlready_nothingIsAddedTwice() {
    FluentConfiguration flyway =
        Flyway.configure()
            .dataSource(h2("twice"))
            .locations("classpath:db/amends/common", "classpath:db/amends/h2");

    new AmendsMigrations().customize(flyway);

    assertThat(flyway.getLocations()).hasSize(2);
  }

  @Test
  void givenADatabaseAmendsHasNoMigrationsFor_itSaysHowToSkipThem() {
    assertThatThrownBy(() -> AmendsMigrations.vendor("jdbc:mysql://db:3306/shop"))
        .hasMessageContaining("amends.migrations.enabled=false");
    assertThat(AmendsMigrations.vendor("jdbc:postgresql://db:5432/shop")).isEqualTo("postgresql");
  }

  private static DriverManagerDataSource h2(String name) {
    return new DriverManagerDataSource(
        "jdbc:h2:mem:" + name + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DB_CLOSE_DELAY=-1",
        "sa",
        "");
  }
}
