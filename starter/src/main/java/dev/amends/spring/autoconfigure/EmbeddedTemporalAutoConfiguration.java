package dev.amends.spring.autoconfigure;

import dev.amends.saga.AmendsSaga;
import io.temporal.api.enums.v1.IndexedValueType;
import io.temporal.spring.boot.TemporalOptionsCustomizer;
import io.temporal.testing.TestEnvironmentOptions;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;

/**
 * A service that runs Temporal's in-process test server ({@code
 * spring.temporal.test-server.enabled: true}, with temporal-testing on its classpath) gets one that
 * amends' sagas can run on: the {@code SagaStatus} search attribute registered, as a real server
 * needs it created (temporal-dev/search-attributes.txt), and wall-clock time, since a test server
 * skips time by default and would fire re-alert timers at once.
 */
@AutoConfiguration(beforeName = "io.temporal.spring.boot.autoconfigure.TestServerAutoConfiguration")
@ConditionalOnClass(TestEnvironmentOptions.class)
@ConditionalOnProperty(
    prefix = "spring.temporal.test-server",
    name = "enabled",
    havingValue = "true")
public class EmbeddedTemporalAutoConfiguration {

  @Bean
  @ConditionalOnMissingBean(name = "amendsTestServer")
  TemporalOptionsCustomizer<TestEnvironmentOptions.Builder> amendsTestServer() {
    return builder ->
        builder
            .setUseTimeskipping(false)
            .registerSearchAttribute(
                AmendsSaga.SAGA_STATUS.getName(), IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD);
  }
}
