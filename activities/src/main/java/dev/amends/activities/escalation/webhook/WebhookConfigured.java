package dev.amends.activities.escalation.webhook;

import org.springframework.boot.autoconfigure.condition.ConditionOutcome;
import org.springframework.boot.autoconfigure.condition.SpringBootCondition;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.type.AnnotatedTypeMetadata;

/** Matches when at least one alert webhook URL is configured, for operators or for approvers. */
class WebhookConfigured extends SpringBootCondition {

  @Override
  public ConditionOutcome getMatchOutcome(
      ConditionContext context, AnnotatedTypeMetadata metadata) {
    Binder binder = Binder.get(context.getEnvironment());
    if (anyUrl(binder, "urls") || anyUrl(binder, "approver-urls")) {
      return ConditionOutcome.match("alert webhook URLs are configured");
    }
    return ConditionOutcome.noMatch("no alert webhook URL is configured; alerts are logged only");
  }

  private static boolean anyUrl(Binder binder, String key) {
    return binder
        .bind(WebhookProperties.PREFIX + "." + key, Bindable.listOf(String.class))
        .map(urls -> urls.stream().anyMatch(url -> !url.isBlank()))
        .orElse(false);
  }
}
