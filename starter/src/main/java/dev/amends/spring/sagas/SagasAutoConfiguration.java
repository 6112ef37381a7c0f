package dev.amends.spring.sagas;

import dev.amends.spring.autoconfigure.AmendsAutoConfiguration;
import io.temporal.client.WorkflowClient;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/**
 * {@link Sagas}, the typed way a service starts sagas exactly once per business id, in any
 * application with a Temporal client (web or not).
 */
@AutoConfiguration(
    after = AmendsAutoConfiguration.class,
    afterName = "io.temporal.spring.boot.autoconfigure.RootNamespaceAutoConfiguration")
public class SagasAutoConfiguration {

  @Bean
  @ConditionalOnMissingBean
  @ConditionalOnBean(WorkflowClient.class)
  Sagas sagas(WorkflowClient client) {
    return Sagas.using(client);
  }
}
