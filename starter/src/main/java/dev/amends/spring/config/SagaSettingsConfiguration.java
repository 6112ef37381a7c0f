package dev.amends.spring.config;

import dev.amends.saga.SagaSettings;
import dev.amends.spring.security.AmendsSecurityProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The operational settings sagas (and drift escalations) are started with, from configuration. */
@Configuration(proxyBeanMethods = false)
public class SagaSettingsConfiguration {

  @Bean
  SagaSettings sagaSettings(AmendsProperties properties, AmendsSecurityProperties security) {
    return properties.sagaSettings(security.approvalThreshold());
  }
}
