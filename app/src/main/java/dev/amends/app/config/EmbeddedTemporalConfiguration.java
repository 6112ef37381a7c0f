package dev.amends.app.config;

import dev.amends.saga.AmendsSaga;
import io.temporal.api.enums.v1.IndexedValueType;
import io.temporal.spring.boot.TemporalOptionsCustomizer;
import io.temporal.testing.TestEnvironmentOptions;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The embedded default: an in-process Temporal test server. Time runs at wall-clock speed (a test
 * server skips time by default, which would fire undo windows and re-alert timers at once), and
 * amends' search attribute is registered as on a real server.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(
    prefix = "spring.temporal.test-server",
    name = "enabled",
    havingValue = "true")
public class EmbeddedTemporalConfiguration {

  @Bean
  TemporalOptionsCustomizer<TestEnvironmentOptions.Builder> embeddedTemporalServer() {
    return builder ->
        builder
            .setUseTimeskipping(false)
            .registerSearchAttribute(
                AmendsSaga.SAGA_STATUS.getName(), IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD);
  }
}
