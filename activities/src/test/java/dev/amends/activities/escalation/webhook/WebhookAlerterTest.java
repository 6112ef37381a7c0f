package dev.amends.activities.escalation.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.amends.activities.escalation.AlertDeliveryException;
import dev.amends.activities.escalation.AlertNotice;
import dev.amends.saga.Escalation;
import dev.amends.saga.World;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class WebhookAlerterTest {
  private static final String SECRET = "a-shared-secret-of-some-length";
  private static final Instant NOW = Instant.parse("2026-11-24T10:15:30Z");
  private static final long OPENED_AT = Instant.parse("2026-11-24T09:00:00Z").toEpochMilli();

  private final ObjectMapper json = new ObjectMapper();
  private AlertReceiver receiver;

  @BeforeEach
  void startReceiver() throws Exception {
    receiver = new AlertReceiver();
  }

  @AfterEach
  void stopReceiver() {
    receiver.close();
  }

  private static Escalation escalation(String sagaId, int alertsSent) {
    return new Escalation(
        "chargeCard-1",
        sagaId,
        "order-fulfilment",
        "chargeCard",
        World.HISTORY,
        "refundCharge",
        "UNDO_BLOCKED: payments refused refund of ch_1",
        5,
        "docs/runbooks/refund-charge.md",
        OPENED_AT,
        alertsSent,
        null,
        2598L,
        "EUR",
        List.of(),
        false,
        false);
  }

  private WebhookAlerter alerter(List<String> urls, List<String> approverUrls, String publicBase) {
    return new WebhookAlerter(
        new WebhookProperties(urls, approverUrls, SECRET, Duration.ofSeconds(2), 5, publicBase),
        runbook -> "/" + runbook,
        Clock.fixed(NOW, ZoneOffset.UTC));
  }

  @Test
  void givenAnOpenedAlert_itPostsEveryFieldAsJson_toEachOperatorUrl() throws Exception {
    WebhookAlerter alerter =
        alerter(List.of(receiver.url("/ops"), receiver.url("/pager")), List.of(), null);

    alerter.alert(AlertNotice.opened(escalation("order-A-3", 1)));

    assertThat(receiver.received())
        .extracting(AlertReceiver.Received::path)
        .containsExactlyInAnyOrder("/ops", "/pager");
    JsonNode body = json.readTree(receiver.received().get(0).body());
    assertThat(body.get("sagaId").asText()).isEqualTo("order-A-3");
    assertThat(body.get("escalationId").asText()).isEqualTo("chargeCard-1");
    assertThat(body.get("sagaName").asText()).isEqualTo("order-fulfilment");
    assertThat(body.get("step").asText()).isEqualTo("chargeCard");
    assertThat(body.get("world").asText()).isEqualTo("RML-3");
    assertThat(body.get("undo").asText()).isEqualTo("refundCharge");
    assertThat(body.get("error").asText())
        .isEqualTo("UNDO_BLOCKED: payments refused refund of ch_1");
    assertThat(body.get("attempts").asInt()).isEqualTo(5);
    assertThat(body.get("runbookUrl").asText()).isEqualTo("/docs/runbooks/refund-charge.md");
    assertThat(body.get("decideUrl").asText())
        .isEqualTo("/sagas/order-A-3/escalations/chargeCard-1");
    assertThat(body.get("openedAt").asText()).isEqualTo("2026-11-24T09:00:00Z");
    assertThat(body.get("alertNumber").asInt()).isEqualTo(1);
    assertThat(body.get("kind").asText()).isEqualTo("OPENED");
    assertThat(body.get("audience").asText()).isEqualTo("OPERATOR");
    assertThat(body.get("sentAt").asText()).isEqualTo("2026-11-24T10:15:30Z");
    assertThat(body.get("message").asText()).startsWith("NEEDS OPERATOR: saga order-A-3");
    assertThat(receiver.received().get(0).header("Content-Type")).isEqualTo("application/json");
  }

  @Test
  void givenTheSecret_aReceiverRecomputesTheSignatureOverTimestampDotBody_andATamperedBodyFails()
      throws Exception {
    alerter(List.of(receiver.url("/ops")), List.of(), null)
        .alert(AlertNotice.opened(escalation("order-A-3", 1)));

    AlertReceiver.Received request = receiver.received().get(0);
    String timestamp = request.header("X-Amends-Timestamp");
    assertThat(timestamp).isEqualTo(Long.toString(NOW.getEpochSecond()));
    String signature = request.header("X-Amends-Signature");
    assertThat(signature).matches("sha256=[0-9a-f]{64}");
    assertThat(signature).isEqualTo(Hmac.expectedSignature(SECRET, timestamp, request.body()));

    byte[] tampered =
        request
            .bodyText()
            .replace("\"attempts\":5", "\"attempts\":6")
            .getBytes(StandardCharsets.UTF_8);
    assertThat(tampered).isNotEqualTo(request.body());
    assertThat(signature).isNotEqualTo(Hmac.expectedSignature(SECRET, timestamp, tampered));
    String replayedLater = Long.toString(NOW.getEpochSecond() + 600);
    assertThat(signature)
        .isNotEqualTo(Hmac.expectedSignature(SECRET, replayedLater, request.body()));
    assertThat(signature)
        .isNotEqualTo(Hmac.expectedSignature("another-secret-entirely", timestamp, request.body()));
  }

  @Test
  void givenAnAlert_itsDeliveryIdNamesSagaEscalationNumberAndKind_sameOnEveryTry()
      throws Exception {
    WebhookAlerter alerter = alerter(List.of(receiver.url("/ops")), List.of(), null);
    AlertNotice reminder = AlertNotice.realert(escalation("drift-psp-ch_1", 3), false);

    alerter.alert(reminder);
    alerter.alert(reminder);

    assertThat(receiver.received())
        .extracting(r -> r.header("X-Amends-Delivery"))
        .containsExactly(
            "drift-psp-ch_1/chargeCard-1/3/REALERT", "drift-psp-ch_1/chargeCard-1/3/REALERT");
    JsonNode body = json.readTree(receiver.received().get(0).body());
    assertThat(body.get("decideUrl").asText())
        .isEqualTo("/sagas/drift-psp-ch_1/escalations/chargeCard-1");
    assertThat(body.get("kind").asText()).isEqualTo("REALERT");
    assertThat(body.get("alertNumber").asInt()).isEqualTo(3);
  }

  @Test
  void givenApproverUrls_approvalRequestsAndRemindersAwaitingApprovalGoThere_withTheApprovalLink()
      throws Exception {
    WebhookAlerter alerter =
        alerter(
            List.of(receiver.url("/ops")),
            List.of(receiver.url("/approvers")),
            "https://amends.example.com/");

    alerter.alert(AlertNotice.approvalRequested(escalation("order-A-3", 2)));
    alerter.alert(AlertNotice.realert(escalation("order-A-3", 3), true));
    alerter.alert(AlertNotice.realert(escalation("order-A-3", 4), false));

    assertThat(receiver.received())
        .extracting(AlertReceiver.Received::path)
        .containsExactly("/approvers", "/approvers", "/ops");
    JsonNode approval = json.readTree(receiver.received().get(0).body());
    assertThat(approval.get("audience").asText()).isEqualTo("APPROVER");
    assertThat(approval.get("kind").asText()).isEqualTo("APPROVAL_REQUESTED");
    assertThat(approval.get("decideUrl").asText())
        .isEqualTo("https://amends.example.com/sagas/order-A-3/escalations/chargeCard-1/approval");
    assertThat(approval.get("runbookUrl").asText())
        .isEqualTo("https://amends.example.com/docs/runbooks/refund-charge.md");
    assertThat(json.readTree(receiver.received().get(1).body()).get("audience").asText())
        .isEqualTo("APPROVER");
  }

  @Test
  void givenNoApproverUrls_approvalRequestsGoToTheOperatorUrls() {
    WebhookAlerter alerter = alerter(List.of(receiver.url("/ops")), List.of(), null);

    alerter.alert(AlertNotice.approvalRequested(escalation("order-A-3", 2)));

    assertThat(receiver.received())
        .extracting(AlertReceiver.Received::path)
        .containsExactly("/ops");
  }

  @Test
  void givenAnAbsoluteRunbookBase_theRunbookLinkIsKeptAsConfigured() throws Exception {
    new WebhookAlerter(
            new WebhookProperties(
                List.of(receiver.url("/ops")),
                List.of(),
                SECRET,
                Duration.ofSeconds(2),
                5,
                "https://amends.example.com"),
            runbook -> "https://wiki.example.com/" + runbook,
            Clock.fixed(NOW, ZoneOffset.UTC))
        .alert(AlertNotice.opened(escalation("order-A-3", 1)));

    assertThat(json.readTree(receiver.received().get(0).body()).get("runbookUrl").asText())
        .isEqualTo("https://wiki.example.com/docs/runbooks/refund-charge.md");
  }

  @Test
  void givenAReceiverAnswering500_theDeliveryFails_namingTheHostButNotTheUrlsTokenOrTheSecret() {
    receiver.answer(500);
    WebhookAlerter alerter = alerter(List.of(receiver.url("/hooks/T0K3N")), List.of(), null);

    assertThatThrownBy(() -> alerter.alert(AlertNotice.opened(escalation("order-A-3", 1))))
        .isInstanceOf(AlertDeliveryException.class)
        .hasMessageContaining("HTTP 500")
        .hasMessageContaining("127.0.0.1")
        .hasMessageNotContaining("T0K3N")
        .hasMessageNotContaining(SECRET);
  }

  @Test
  void givenOneOfTwoReceiversDown_theAlertIsNotDelivered() {
    String closedPort = receiver.url("/ops");
    receiver.close();
    try (AlertReceiver up = new AlertReceiver()) {
      WebhookAlerter alerter = alerter(List.of(up.url("/ops"), closedPort), List.of(), null);

      assertThatThrownBy(() -> alerter.alert(AlertNotice.opened(escalation("order-A-3", 1))))
          .isInstanceOf(AlertDeliveryException.class)
          .hasMessageContaining("webhook 2 of 2");
      assertThat(up.received()).hasSize(1);
    } catch (java.io.IOException e) {
      throw new AssertionError(e);
    }
  }

  @Test
  void givenALongError_theBodyCarriesItBounded() throws Exception {
    char[] filler = new char[5000];
    Arrays.fill(filler, 'x');
    Escalation e = escalation("order-A-3", 1);
    Escalation noisy =
        new Escalation(
            e.id(),
            e.sagaId(),
            e.sagaName(),
            e.step(),
            e.world(),
            e.undo(),
            new String(filler),
            e.attempts(),
            e.runbook(),
            e.openedAtMillis(),
            1,
            null,
            e.amountMinor(),
            e.currency(),
            e.writeOffs(),
            false,
            false);

    alerter(List.of(receiver.url("/ops")), List.of(), null).alert(AlertNotice.opened(noisy));

    assertThat(json.readTree(receiver.received().get(0).body()).get("error").asText())
        .hasSizeLessThanOrEqualTo(1000)
        .endsWith("...");
  }
}
