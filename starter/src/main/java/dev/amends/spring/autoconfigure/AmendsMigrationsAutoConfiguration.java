package dev.amends.spring.autoconfigure;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.flyway.autoconfigure.FlywayConfigurationCustomizer;
import org.springframework.context.annotation.Bean;

/**
 * amends' tables in the service's own Flyway history; amends.migrations.enabled=false skips them.
 * Also part of Spring Boot's data-source test slices (such as {@code @JdbcTest}), so a service's
 * slice tests get amends' tables as its application does.
 */
@AutoConfiguration(
    beforeName = "org.springframework.boot.flyway.autoconfigure.FlywayAutoConfiguration")
@ConditionalOnClass(name = "org.flywaydb.core.Flyway")
@EnableConfigurationProperties(MigrationProperties.class)
public class AmendsMigrationsAutoConfiguration {

  @Bean
  @ConditionalOnProperty(
      prefix = "amends.migrations",
      name = "enabled",
      havingValue = "true",
      matchIfMissing = true)
  @ConditionalOnMissingBean(AmendsMigrations.class)
  FlywayConfigurationCustomizer amendsMigrations() {
    return new AmendsMigrations();
  }
}
