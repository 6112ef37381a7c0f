package dev.amends.activities.escalation.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class WebhookPropertiesTest {
  private static final Duration TIMEOUT = Duration.ofSeconds(5);

  @Test
  void givenAUrlAndNoSecret_itRefusesNamingTheSecretKey() {
    assertThatThrownBy(
            () ->
                new WebhookProperties(
                    List.of("https://hooks.example.com/a"), List.of(), null, TIMEOUT, 5, null))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("amends.alerts.webhook.secret is required");
  }

  @Test
  void givenOnlyAnApproverUrlAndABlankSecret_itRefusesToo() {
    assertThatThrownBy(
            () ->
                new WebhookProperties(
                    List.of(), List.of("https://hooks.example.com/b"), "  ", TIMEOUT, 5, null))
        .hasMessageContaining("amends.alerts.webhook.secret is required");
  }

  @Test
  void givenAMalformedUrl_itNamesItsKeyButNotTheUrl() {
    assertThatThrownBy(
            () ->
                new WebhookProperties(
                    List.of("hooks.example.com/t0k3n"),
                    List.of(),
                    "0123456789abcdef",
                    TIMEOUT,
                    5,
                    null))
        .hasMessageContaining("amends.alerts.webhook.urls[0] is not an absolute http(s) URL")
        .hasMessageNotContaining("t0k3n");
  }

  @Test
  void givenATimeoutNearTheActivityTimeout_itRefuses() {
    assertThatThrownBy(
            () ->
                new WebhookProperties(
                    List.of("https://hooks.example.com/a"),
                    List.of(),
                    "0123456789abcdef",
                    Duration.ofSeconds(30),
                    5,
                    null))
        .hasMessageContaining("amends.alerts.webhook.timeout");
  }

  @Test
  void givenNoUrl_itIsDisabled_andNeedsNoSecret() {
    assertThat(new WebhookProperties(List.of(), List.of(), null, TIMEOUT, 5, null).enabled())
        .isFalse();
  }

  @Test
  void givenASecret_itsTextNeverShowsIt() {
    WebhookProperties properties =
        new WebhookProperties(
            List.of("https://hooks.example.com/t0k3n"),
            List.of(),
            "0123456789abcdef",
            TIMEOUT,
            5,
            null);

    assertThat(properties.toString()).doesNotContain("0123456789abcdef").doesNotContain("t0k3n");
  }
}
