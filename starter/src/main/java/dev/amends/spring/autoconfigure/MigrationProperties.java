package dev.amends.spring.autoconfigure;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * amends' own tables.
 *
 * @param enabled whether Spring Boot's Flyway also runs amends' migrations (classpath:db/amends),
 *     in the service's own history; false when the service runs them with its own Flyway
 *     (dev.amends.activities.db.Migrations names the folders) or manages the schema otherwise
 */
@ConfigurationProperties("amends.migrations")
public record MigrationProperties(@DefaultValue("true") boolean enabled) {}
