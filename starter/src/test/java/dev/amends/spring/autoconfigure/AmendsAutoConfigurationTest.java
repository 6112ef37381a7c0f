package dev.amends.spring.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;

import dev.amends.activities.escalation.EscalationActivitiesImpl;
import dev.amends.activities.escalation.EscalationStore;
import dev.amends.activities.escalation.JdbcEscalationStore;
import dev.amends.activities.ledger.EffectLedger;
import io.temporal.client.WorkflowClient;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.spring.boot.autoconfigure.properties.TemporalProperties;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.flyway.autoconfigure.FlywayConfigurationCustomizer;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/** What adding the starter gives a service, and how a service replaces any part of it. */
class AmendsAutoConfigurationTest {

  @Configuration(proxyBeanMethods = false)
  @EnableConfigurationProperties(TemporalProperties.class)
  static class ServiceParts {
    @Bean
    DataSource dataSource() {
      return new DriverManagerDataSource("jdbc:h2:mem:auto;DB_CLOSE_DELAY=-1", "sa", "");
    }

    @Bean
    WorkflowClient workflowClient() {
      return mock(WorkflowClient.class);
    }

    @Bean
    WorkflowServiceStubs workflowServiceStubs() {
      return mock(WorkflowServiceStubs.class);
    }
  }

  /** A service that keeps escalations in a store of its own. */
  static class OwnStore extends JdbcEscalationStore {
    OwnStore(DataSource dataSource) {
      super(JdbcClient.create(dataSource));
    }
  }

  private final ApplicationContextRunner runner =
      new ApplicationContextRunner()
          .withUserConfiguration(ServiceParts.class)
          .withConfiguration(
              AutoConfigurations.of(
                  AmendsAutoConfiguration.class, AmendsMigrationsAutoConfiguration.class));

  @Test
  void givenTheStarter_aServiceGetsTheEscalationActivitiesLedgerAndMigrations() {
    runner.run(
        context -> {
          assertThat(context).hasNotFailed();
          assertThat(context).hasBean("escalationActivitiesImpl");
          assertThat(context).hasSingleBean(EffectLedger.class);
          assertThat(context).hasSingleBean(EscalationStore.class);
          assertThat(context).hasSingleBean(FlywayConfigurationCustomizer.class);
          assertThat(context).hasBean("temporal");
        });
  }

  @Test
  void givenAStoreOfItsOwn_theServiceKeepsIt_andTheActivitiesUseIt() {
    runner
        .withBean(OwnStore.class, () -> new OwnStore(new DriverManagerDataSource()))
        .run(
            context -> {
              assertThat(context).getBean(EscalationStore.class).isInstanceOf(OwnStore.class);
              assertThat(context).hasSingleBean(EscalationActivitiesImpl.class);
            });
  }

  @Test
  void givenMigrationsSwitchedOff_noneAreAdded() {
    runner
        .withPropertyValues("amends.migrations.enabled=false")
        .run(context -> assertThat(context).doesNotHaveBean(FlywayConfigurationCustomizer.class));
  }
}
