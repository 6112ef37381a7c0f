package dev.amends.activities.escalation.webhook;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.amends.activities.escalation.AlertAudience;
import dev.amends.activities.escalation.AlertDeliveryException;
import dev.amends.activities.escalation.AlertKind;
import dev.amends.activities.escalation.AlertNotice;
import dev.amends.activities.escalation.Alerter;
import dev.amends.activities.escalation.DecisionPaths;
import dev.amends.activities.escalation.RunbookLinks;
import dev.amends.saga.Escalation;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Posts each alert, signed, to every webhook of its audience at once. The alert is delivered only
 * when every one of them answers 2xx; anything else is an {@link AlertDeliveryException}, and the
 * caller decides whether to try again.
 */
public class WebhookAlerter implements Alerter {
  public static final String SIGNATURE_HEADER = "X-Amends-Signature";
  public static final String TIMESTAMP_HEADER = "X-Amends-Timestamp";
  public static final String DELIVERY_HEADER = "X-Amends-Delivery";

  private final WebhookProperties properties;
  private final RunbookLinks runbooks;
  private final Clock clock;
  private final WebhookSignature signature;
  private final HttpClient http;
  private final ObjectMapper json = new ObjectMapper();

  public WebhookAlerter(WebhookProperties properties, RunbookLinks runbooks) {
    this(properties, runbooks, Clock.systemUTC());
  }

  WebhookAlerter(WebhookProperties properties, RunbookLinks runbooks, Clock clock) {
    if (!properties.enabled()) {
      throw new IllegalArgumentException("no alert webhook URL is configured");
    }
    this.properties = properties;
    this.runbooks = runbooks;
    this.clock = clock;
    this.signature = new WebhookSignature(properties.secret());
    // A signed request is meant for the URL it was sent to: redirects are not followed.
    this.http =
        HttpClient.newBuilder()
            .connectTimeout(properties.timeout())
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();
  }

  /** Activity attempts that try the webhook before an alert counts as failed for good. */
  public int maxAttempts() {
    return properties.maxAttempts();
  }

  /** Whether any webhook receives alerts for this audience. */
  public boolean reaches(AlertAudience audience) {
    return !targets(audience).isEmpty();
  }

  @Override
  public void alert(AlertNotice notice) {
    List<String> targets = targets(notice.audience());
    Instant now = clock.instant();
    byte[] body = body(notice, now);
    long timestamp = now.getEpochSecond();
    String signed = signature.sign(timestamp, body);
    List<CompletableFuture<String>> answers = new ArrayList<>();
    for (int i = 0; i < targets.size(); i++) {
      URI target = URI.create(targets.get(i).trim());
      HttpRequest request =
          HttpRequest.newBuilder(target)
              .timeout(properties.timeout())
              .header("Content-Type", "application/json")
              .header("User-Agent", "amends-alerts")
              .header(SIGNATURE_HEADER, signed)
              .header(TIMESTAMP_HEADER, Long.toString(timestamp))
              .header(DELIVERY_HEADER, notice.deliveryId())
              .POST(HttpRequest.BodyPublishers.ofByteArray(body))
              .build();
      String name = "webhook " + (i + 1) + " of " + targets.size() + " (" + target.getHost() + ")";
      answers.add(
          http.sendAsync(request, HttpResponse.BodyHandlers.discarding())
              .orTimeout(properties.timeout().multipliedBy(2).toMillis(), TimeUnit.MILLISECONDS)
              .handle((response, error) -> failure(name, response, error)));
    }
    List<String> failures =
        answers.stream().map(CompletableFuture::join).filter(f -> f != null).toList();
    if (!failures.isEmpty()) {
      throw new AlertDeliveryException(String.join("; ", failures));
    }
  }

  List<String> targets(AlertAudience audience) {
    if (audience == AlertAudience.APPROVER && !properties.approverUrls().isEmpty()) {
      return properties.approverUrls();
    }
    return properties.urls();
  }

  private byte[] body(AlertNotice notice, Instant now) {
    Escalation e = notice.escalation();
    String decide =
        notice.kind() == AlertKind.APPROVAL_REQUESTED
            ? DecisionPaths.approve(e.sagaId(), e.id())
            : DecisionPaths.decide(e.sagaId(), e.id());
    WebhookBody body =
        new WebhookBody(
            e.sagaId(),
            e.id(),
            e.sagaName(),
            e.step(),
            e.world().level(),
            e.undo(),
            notice.boundedError(),
            e.attempts(),
            runbookUrl(e.runbook()),
            publicUrl(decide),
            Instant.ofEpochMilli(e.openedAtMillis()).toString(),
            notice.alertNumber(),
            notice.kind().name(),
            notice.audience().name(),
            now.toString(),
            notice.message());
    try {
      return json.writeValueAsBytes(body);
    } catch (JsonProcessingException impossible) {
      throw new IllegalStateException("cannot write the alert body as JSON", impossible);
    }
  }

  private String runbookUrl(String runbook) {
    String link = runbook == null ? null : runbooks.runbookUrl(runbook);
    return link == null || URI.create(link).isAbsolute() ? link : publicUrl(link);
  }

  /** A path of amends' own, absolute when the public base URL is configured. */
  private String publicUrl(String path) {
    String base = properties.publicBaseUrl();
    if (base == null || base.isBlank()) {
      return path;
    }
    String trimmed = base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
    return trimmed + (path.startsWith("/") ? path : "/" + path);
  }

  // Names the target by position and host only (a URL may carry a token), never the body.
  private static String failure(String name, HttpResponse<Void> response, Throwable error) {
    if (error == null) {
      int status = response.statusCode();
      return status >= 200 && status < 300 ? null : name + ": HTTP " + status;
    }
    Throwable cause =
        error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
    if (cause instanceof HttpTimeoutException || cause instanceof TimeoutException) {
      return name + ": timed out";
    }
    return name + ": " + cause.getClass().getSimpleName();
  }
}
