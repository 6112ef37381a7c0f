package dev.amends.spring.autoconfigure;

import dev.amends.activities.escalation.Alerts;
import dev.amends.activities.escalation.DecisionSources;
import dev.amends.activities.escalation.EscalationActivitiesImpl;
import dev.amends.activities.escalation.EscalationStore;
import dev.amends.activities.escalation.LedgerSettlements;
import dev.amends.activities.escalation.LogAlerter;
import dev.amends.activities.escalation.webhook.WebhookAlerterConfiguration;
import dev.amends.activities.ledger.EffectLedger;
import dev.amends.activities.ledger.LedgerVerifier;
import dev.amends.activities.temporal.ConciseActivityFailures;
import dev.amends.spring.config.AmendsProperties;
import dev.amends.spring.config.SagaDefinitionGuard;
import dev.amends.spring.config.SagaSettingsConfiguration;
import dev.amends.spring.health.TemporalHealthIndicator;
import dev.amends.spring.security.AmendsSecurityProperties;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.flyway.autoconfigure.FlywayConfigurationCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;

/**
 * What a service gets by adding amends: the escalation store, ledger and alerting, the escalation
 * activities its workers register (bean {@code escalationActivitiesImpl}), the definition guard
 * that refuses a step lacking its world's minimum, and a Temporal health check. Runs once
 * Temporal's own auto-configuration has made the client.
 */
@AutoConfiguration(
    afterName = "io.temporal.spring.boot.autoconfigure.RootNamespaceAutoConfiguration")
@EnableConfigurationProperties({
  AmendsProperties.class,
  AmendsSecurityProperties.class,
  MigrationProperties.class
})
@Import({
  EffectLedger.class,
  LedgerVerifier.class,
  EscalationStore.class,
  DecisionSources.class,
  LogAlerter.class,
  WebhookAlerterConfiguration.class,
  Alerts.class,
  LedgerSettlements.class,
  EscalationActivitiesImpl.class,
  ConciseActivityFailures.class,
  SagaSettingsConfiguration.class,
  SagaDefinitionGuard.class,
  TemporalHealthIndicator.class
})
public class AmendsAutoConfiguration {

  /** amends' tables in the service's own Flyway history; amends.migrations.enabled=false skips. */
  @Bean
  @ConditionalOnClass(name = "org.flywaydb.core.Flyway")
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
