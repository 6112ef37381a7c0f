package dev.amends.spring.autoconfigure;

import dev.amends.activities.escalation.Alerts;
import dev.amends.activities.escalation.DecisionSources;
import dev.amends.activities.escalation.EscalationActivitiesImpl;
import dev.amends.activities.escalation.EscalationStore;
import dev.amends.activities.escalation.JdbcEscalationStore;
import dev.amends.activities.escalation.LedgerSettlements;
import dev.amends.activities.escalation.LogAlerter;
import dev.amends.activities.escalation.webhook.WebhookAlerter;
import dev.amends.activities.escalation.webhook.WebhookAlerterConfiguration;
import dev.amends.activities.ledger.AnchorLog;
import dev.amends.activities.ledger.EffectLedger;
import dev.amends.activities.ledger.FileAnchorLog;
import dev.amends.activities.ledger.LedgerVerifier;
import dev.amends.activities.temporal.ConciseActivityFailures;
import dev.amends.activities.temporal.RetryAlerts;
import dev.amends.saga.SagaSettings;
import dev.amends.spring.config.AmendsProperties;
import dev.amends.spring.config.SagaDefinitionGuard;
import dev.amends.spring.health.TemporalHealthIndicator;
import dev.amends.spring.security.AmendsSecurityProperties;
import io.temporal.client.WorkflowClient;
import io.temporal.serviceclient.RpcRetryOptions;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import io.temporal.spring.boot.TemporalOptionsCustomizer;
import io.temporal.spring.boot.autoconfigure.properties.TemporalProperties;
import io.temporal.worker.WorkerFactory;
import javax.sql.DataSource;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * What a service gets by adding amends: the escalation store, ledger and alerting, the escalation
 * activities its workers register (bean {@code escalationActivitiesImpl}), the definition guard
 * that refuses a step lacking its world's minimum, amends' migrations and a Temporal health check.
 * Each bean backs off when the service defines its own of the same type.
 */
@AutoConfiguration(
    afterName = {
      "io.temporal.spring.boot.autoconfigure.RootNamespaceAutoConfiguration",
      "org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration"
    })
@EnableConfigurationProperties({
  AmendsProperties.class,
  AmendsSecurityProperties.class,
  LedgerProperties.class
})
@Import(WebhookAlerterConfiguration.class)
public class AmendsAutoConfiguration {

  @Bean
  @ConditionalOnMissingBean
  SagaSettings sagaSettings(AmendsProperties properties, AmendsSecurityProperties security) {
    return properties.sagaSettings(security.approvalThreshold());
  }

  @Bean
  @ConditionalOnMissingBean
  EffectLedger effectLedger(DataSource dataSource) {
    return new EffectLedger(dataSource);
  }

  @Bean
  @ConditionalOnMissingBean
  LedgerVerifier ledgerVerifier(DataSource dataSource) {
    return new LedgerVerifier(dataSource);
  }

  /** The anchor log outside the database, when amends.ledger.anchor-log names a file. */
  @Bean
  @ConditionalOnMissingBean
  @ConditionalOnProperty(prefix = "amends.ledger", name = "anchor-log")
  AnchorLog anchorLog(LedgerProperties properties) {
    return new FileAnchorLog(properties.anchorLog());
  }

  @Bean
  @ConditionalOnMissingBean
  EscalationStore escalationStore(DataSource dataSource) {
    return new JdbcEscalationStore(JdbcClient.create(dataSource));
  }

  @Bean
  @ConditionalOnMissingBean
  DecisionSources decisionSources(WorkflowClient client) {
    return new DecisionSources(client);
  }

  @Bean
  @ConditionalOnMissingBean
  LogAlerter logAlerter() {
    return new LogAlerter();
  }

  @Bean
  @ConditionalOnMissingBean
  Alerts alerts(
      EscalationStore store, LogAlerter logAlerter, ObjectProvider<WebhookAlerter> webhook) {
    return new Alerts(store, logAlerter, webhook);
  }

  @Bean
  @ConditionalOnMissingBean
  LedgerSettlements ledgerSettlements(EffectLedger ledger) {
    return new LedgerSettlements(ledger);
  }

  /**
   * Register it on the workers that run amends sagas: {@code activity-beans:
   * escalationActivitiesImpl}.
   */
  @Bean
  @ConditionalOnMissingBean
  EscalationActivitiesImpl escalationActivitiesImpl(
      EscalationStore store,
      Alerts alerts,
      LedgerSettlements settlements,
      DecisionSources sources) {
    return new EscalationActivitiesImpl(store, alerts, settlements, sources);
  }

  @Bean
  @ConditionalOnMissingBean
  ConciseActivityFailures conciseActivityFailures() {
    return new ConciseActivityFailures();
  }

  /**
   * A call to an unreachable Temporal server gives up after amends.temporal-call-timeout instead of
   * the SDK's minute, so that an API caller gets a prompt 503 rather than a hung request. Workers
   * lose nothing: a completion that cannot be reported is retried by the server's own timeouts.
   */
  @Bean
  @ConditionalOnMissingBean(name = "amendsServiceStubs")
  TemporalOptionsCustomizer<WorkflowServiceStubsOptions.Builder> amendsServiceStubs(
      AmendsProperties properties) {
    return builder ->
        builder.setRpcRetryOptions(
            RpcRetryOptions.newBuilder()
                .setRetryOptions(RpcRetryOptions.getDefaultInstance())
                .setExpiration(properties.temporalCallTimeout())
                .validateBuildWithDefaults());
  }

  @Bean
  @ConditionalOnMissingBean
  GracefulWorkerShutdown gracefulWorkerShutdown(
      ApplicationContext context,
      ObjectProvider<WorkerFactory> factories,
      AmendsProperties properties) {
    return new GracefulWorkerShutdown(context, factories, properties.workerShutdownTimeout());
  }

  @Bean
  @ConditionalOnMissingBean
  RetryAlerts retryAlerts(AmendsProperties properties) {
    return new RetryAlerts(properties.retryAlertAfterAttempts());
  }

  @Bean
  @ConditionalOnMissingBean
  SagaDefinitionGuard sagaDefinitionGuard(TemporalProperties temporal) {
    return new SagaDefinitionGuard(temporal);
  }

  @Bean(name = "temporal")
  @ConditionalOnMissingBean(name = "temporal")
  TemporalHealthIndicator temporalHealthIndicator(WorkflowServiceStubs stubs) {
    return new TemporalHealthIndicator(stubs);
  }
}
