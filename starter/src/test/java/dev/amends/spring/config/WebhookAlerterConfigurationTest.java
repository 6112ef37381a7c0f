package dev.amends.spring.config;

import static org.assertj.core.api.Assertions.assertThat;

import dev.amends.activities.escalation.webhook.WebhookAlerter;
import dev.amends.activities.escalation.webhook.WebhookAlerterConfiguration;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

class WebhookAlerterConfigurationTest {

  /** The alert webhook as the application wires it: runbook links come from amends' settings. */
  @Configuration
  @EnableConfigurationProperties(AmendsProperties.class)
  @Import(WebhookAlerterConfiguration.class)
  static class WebhookWiring {}

  private final ApplicationContextRunner runner =
      new ApplicationContextRunner().withUserConfiguration(WebhookWiring.class);

  @Test
  void givenAWebhookUrlAndNoSecret_theApplicationRefusesToStart_namingTheSecretKey() {
    runner
        .withPropertyValues("amends.alerts.webhook.urls=https://hooks.example.com/amends")
        .run(
            context -> {
              assertThat(context).hasFailed();
              assertThat(context.getStartupFailure())
                  .rootCause()
                  .hasMessageContaining(
                      "amends.alerts.webhook.secret is required when amends.alerts.webhook.urls");
            });
  }

  @Test
  void givenNoWebhookUrl_noWebhookAlerterIsActive_andNoSecretIsNeeded() {
    runner.run(
        context -> {
          assertThat(context).hasNotFailed();
          assertThat(context).doesNotHaveBean(WebhookAlerter.class);
        });
  }

  @Test
  void givenAWebhookUrlAndASecret_theWebhookAlerterIsActive() {
    runner
        .withPropertyValues(
            "amends.alerts.webhook.urls[0]=https://hooks.example.com/amends",
            "amends.alerts.webhook.secret=0123456789abcdef0123",
            "amends.alerts.webhook.max-attempts=3")
        .run(
            context -> {
              assertThat(context).hasNotFailed();
              assertThat(context).hasSingleBean(WebhookAlerter.class);
              assertThat(context.getBean(WebhookAlerter.class).maxAttempts()).isEqualTo(3);
            });
  }
}
