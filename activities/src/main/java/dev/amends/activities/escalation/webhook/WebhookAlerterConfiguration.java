package dev.amends.activities.escalation.webhook;

import dev.amends.activities.escalation.RunbookLinks;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;

/**
 * The webhook alerter, when a URL is configured. Its settings are bound (and checked) at startup
 * either way, so a URL without a secret stops the application before any alert is due.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(WebhookProperties.class)
public class WebhookAlerterConfiguration {

  @Bean
  @Conditional(WebhookConfigured.class)
  WebhookAlerter webhookAlerter(WebhookProperties properties, RunbookLinks runbooks) {
    return new WebhookAlerter(properties, runbooks);
  }
}
