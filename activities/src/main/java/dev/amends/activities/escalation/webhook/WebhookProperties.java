package dev.amends.activities.escalation.webhook;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Where escalation alerts are posted, and how.
 *
 * @param urls receivers of alerts for operators
 * @param approverUrls receivers of alerts for approvers; when empty, approvers' alerts go to {@code
 *     urls}
 * @param secret key of the HMAC-SHA256 signature every request carries; required with any URL
 * @param timeout bound on connecting and on waiting for the answer, per request; the requests of
 *     one alert run at once, so one delivery stays well inside the activity's 30 s timeout
 * @param maxAttempts activity attempts that try the webhook before the alert is recorded as failed
 * @param publicBaseUrl where people reach amends (e.g. {@code https://amends.example.com}):
 *     prefixes the decision link, and runbook links that are not absolute already
 */
@ConfigurationProperties("amends.alerts.webhook")
public record WebhookProperties(
    @DefaultValue List<String> urls,
    @DefaultValue List<String> approverUrls,
    String secret,
    @DefaultValue("5s") Duration timeout,
    @DefaultValue("5") int maxAttempts,
    String publicBaseUrl) {
  static final String PREFIX = "amends.alerts.webhook";
  static final int MIN_SECRET_LENGTH = 16;
  static final Duration MAX_TIMEOUT = Duration.ofSeconds(10);

  public WebhookProperties {
    urls = urls == null ? List.of() : List.copyOf(urls);
    approverUrls = approverUrls == null ? List.of() : List.copyOf(approverUrls);
    List<String> problems = new ArrayList<>();
    checkUrls("urls", urls, problems);
    checkUrls("approver-urls", approverUrls, problems);
    boolean anyUrl = !urls.isEmpty() || !approverUrls.isEmpty();
    if (anyUrl && (secret == null || secret.isBlank())) {
      problems.add(
          PREFIX
              + ".secret is required when "
              + PREFIX
              + ".urls or "
              + PREFIX
              + ".approver-urls is set: every alert is signed with it (HMAC-SHA256)");
    } else if (anyUrl && secret.length() < MIN_SECRET_LENGTH) {
      problems.add(PREFIX + ".secret must be at least " + MIN_SECRET_LENGTH + " characters long");
    }
    if (timeout == null
        || timeout.isNegative()
        || timeout.isZero()
        || timeout.compareTo(MAX_TIMEOUT) > 0) {
      problems.add(
          PREFIX
              + ".timeout must be positive and at most "
              + MAX_TIMEOUT.toSeconds()
              + "s, well inside the alert activity's 30s start-to-close timeout");
    }
    if (maxAttempts < 1) {
      problems.add(PREFIX + ".max-attempts must be at least 1");
    }
    if (!problems.isEmpty()) {
      throw new IllegalStateException(
          "invalid alert webhook configuration: " + String.join("; ", problems));
    }
  }

  /** Whether any webhook is configured at all. */
  public boolean enabled() {
    return !urls.isEmpty() || !approverUrls.isEmpty();
  }

  // A webhook URL may carry a token, and the secret is one: neither is shown.
  @Override
  public String toString() {
    return "WebhookProperties[urls="
        + urls.size()
        + ", approverUrls="
        + approverUrls.size()
        + ", secret="
        + (secret == null ? "unset" : "****")
        + ", timeout="
        + timeout
        + ", maxAttempts="
        + maxAttempts
        + ", publicBaseUrl="
        + publicBaseUrl
        + "]";
  }

  private static void checkUrls(String key, List<String> urls, List<String> problems) {
    for (int i = 0; i < urls.size(); i++) {
      if (!isHttpUrl(urls.get(i))) {
        problems.add(PREFIX + "." + key + "[" + i + "] is not an absolute http(s) URL");
      }
    }
  }

  private static boolean isHttpUrl(String url) {
    try {
      URI uri = URI.create(url.trim());
      return ("http".equalsIgnoreCase(uri.getScheme()) || "https".equalsIgnoreCase(uri.getScheme()))
          && uri.getHost() != null;
    } catch (IllegalArgumentException | NullPointerException notAUri) {
      return false;
    }
  }
}
