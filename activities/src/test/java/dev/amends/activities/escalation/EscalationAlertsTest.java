package dev.amends.activities.escalation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.amends.activities.db.TestDatabase;
import dev.amends.activities.escalation.webhook.AlertReceiver;
import dev.amends.activities.escalation.webhook.Hmac;
import dev.amends.activities.escalation.webhook.WebhookAlerter;
import dev.amends.activities.escalation.webhook.WebhookProperties;
import dev.amends.activities.ledger.EffectLedger;
import dev.amends.saga.Escalation;
import dev.amends.saga.OperatorAction;
import dev.amends.saga.OperatorDecision;
import dev.amends.saga.World;
import dev.amends.saga.WriteOffRequest;
import io.temporal.failure.ApplicationFailure;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The escalation activities as the worker runs them — real store on H2, real webhook alerter —
 * against a local receiver; the activity attempt comes from a counter the test sets.
 */
class EscalationAlertsTest {
  private static final String SECRET = "escalation-alerts-test-secret";
  private static final int MAX_ATTEMPTS = 3;

  private final ObjectMapper json = new ObjectMapper();
  private final AtomicInteger attempt = new AtomicInteger(1);
  private final List<AlertNotice> logged = new CopyOnWriteArrayList<>();
  private TestDatabase db;
  private EscalationStore store;
  private AlertReceiver receiver;

  @BeforeEach
  void setUp() throws Exception {
    db = TestDatabase.create(TestDatabase.Vendor.H2);
    store = new JdbcEscalationStore(db.jdbc());
    receiver = new AlertReceiver();
  }

  @AfterEach
  void tearDown() throws Exception {
    receiver.close();
    db.close();
  }

  private EscalationActivitiesImpl activities(WebhookAlerter webhook) {
    Alerter logAlerter =
        notice -> {
          logged.add(notice);
          new LogAlerter().alert(notice);
        };
    return new EscalationActivitiesImpl(
        store,
        new Alerts(store, logAlerter, webhook, attempt::get),
        new LedgerSettlements(new EffectLedger(db.dataSource())),
        new DecisionSources(null));
  }

  private WebhookAlerter webhook() {
    return new WebhookAlerter(
        new WebhookProperties(
            List.of(receiver.url("/alerts")),
            List.of(),
            SECRET,
            Duration.ofSeconds(2),
            MAX_ATTEMPTS,
            "https://amends.example.com"),
        runbook -> "/" + runbook);
  }

  private static Escalation escalation(int alertsSent) {
    return new Escalation(
        "chargeCard-1",
        "order-A-3",
        "order-fulfilment",
        "chargeCard",
        World.HISTORY,
        "refundCharge",
        "UNDO_BLOCKED: payments refused refund of ch_1",
        5,
        "docs/runbooks/refund-charge.md",
        1_700_000_000_000L,
        alertsSent,
        null,
        2598L,
        "EUR",
        List.of(),
        false,
        false);
  }

  @Test
  void givenAWebhook_theFirstAlertAndAReAlertArriveSigned_andAreRecordedDelivered()
      throws Exception {
    EscalationActivitiesImpl activities = activities(webhook());

    activities.open(escalation(1));
    activities.realert(escalation(2));

    List<AlertReceiver.Received> received = receiver.received();
    assertThat(received).hasSize(2);
    for (AlertReceiver.Received request : received) {
      assertThat(request.header("X-Amends-Signature"))
          .isEqualTo(
              Hmac.expectedSignature(SECRET, request.header("X-Amends-Timestamp"), request.body()));
    }
    assertThat(received)
        .extracting(r -> r.header("X-Amends-Delivery"))
        .containsExactly("order-A-3/chargeCard-1/1/OPENED", "order-A-3/chargeCard-1/2/REALERT");
    assertThat(json.readTree(received.get(1).body()).get("decideUrl").asText())
        .isEqualTo("https://amends.example.com/sagas/order-A-3/escalations/chargeCard-1");

    assertThat(store.alerts("order-A-3"))
        .extracting(
            AlertRecord::sequence,
            AlertRecord::kind,
            AlertRecord::delivery,
            AlertRecord::deliveryAttempts)
        .containsExactly(
            tuple(1, AlertKind.OPENED, AlertDelivery.DELIVERED, 1),
            tuple(2, AlertKind.REALERT, AlertDelivery.DELIVERED, 1));
    assertThat(store.alerts("order-A-3")).allSatisfy(a -> assertThat(a.deliveredAt()).isNotNull());
    assertThat(store.list(true))
        .singleElement()
        .satisfies(e -> assertThat(e.alertsSent()).isEqualTo(2));
    assertThat(logged)
        .extracting(AlertNotice::kind)
        .containsExactly(AlertKind.OPENED, AlertKind.REALERT);
  }

  @Test
  void givenAWriteOffRequest_approversAreAlerted_andTheRequestIsListed() throws Exception {
    EscalationActivitiesImpl activities = activities(webhook());
    activities.open(escalation(1));
    Escalation requested =
        escalation(1).withWriteOff(WriteOffRequest.requested("ana", "customer kept the goods", 5));

    activities.recordWriteOff(requested);

    List<AlertReceiver.Received> received = receiver.received();
    assertThat(received).hasSize(2);
    JsonNode request = json.readTree(received.get(1).body());
    assertThat(request.get("kind").asText()).isEqualTo("APPROVAL_REQUESTED");
    assertThat(request.get("audience").asText()).isEqualTo("APPROVER");
    assertThat(request.get("decideUrl").asText())
        .isEqualTo("https://amends.example.com/sagas/order-A-3/escalations/chargeCard-1/approval");
    assertThat(store.list(true))
        .singleElement()
        .satisfies(
            e -> {
              assertThat(e.awaitsApproval()).isTrue();
              assertThat(e.writeOffRequestedBy()).isEqualTo("ana");
              assertThat(e.amountMinor()).isEqualTo(2598L);
            });
  }

  @Test
  void givenADecisionWhoseRecordingIsDelayed_theAlertGoesOutWithoutTheStore() throws Exception {
    EscalationActivitiesImpl activities = activities(webhook());
    Escalation e = escalation(2);
    Escalation delayed =
        new Escalation(
            e.id(),
            e.sagaId(),
            e.sagaName(),
            e.step(),
            e.world(),
            e.undo(),
            e.error(),
            e.attempts(),
            e.runbook(),
            e.openedAtMillis(),
            2,
            new OperatorDecision(e.id(), OperatorAction.RESOLVED_MANUALLY, "ana", "by hand", 9),
            e.amountMinor(),
            e.currency(),
            List.of(),
            false,
            true);
    db.jdbc().sql("DROP TABLE alert").update();

    activities.realert(delayed);

    assertThat(receiver.received())
        .singleElement()
        .satisfies(
            r -> {
              JsonNode body = json.readTree(r.body());
              assertThat(body.get("kind").asText()).isEqualTo("RECORDING_DELAYED");
              assertThat(body.get("message").asText())
                  .contains("RESOLVED_MANUALLY by ana was accepted");
            });
    assertThat(logged).extracting(AlertNotice::kind).containsExactly(AlertKind.RECORDING_DELAYED);
  }

  @Test
  void givenADeliveredAlert_aRetriedActivityDoesNotSendOrLogItAgain() {
    EscalationActivitiesImpl activities = activities(webhook());
    activities.open(escalation(1));

    attempt.set(2);
    activities.open(escalation(1));

    assertThat(receiver.received()).hasSize(1);
    assertThat(logged).hasSize(1);
    assertThat(store.alerts("order-A-3"))
        .singleElement()
        .satisfies(a -> assertThat(a.delivery()).isEqualTo(AlertDelivery.DELIVERED));
  }

  @Test
  void givenAReceiverAnswering500_itThrowsBelowMaxAttempts_thenRecordsFailedAndKeepsTheLog() {
    receiver.answer(500);
    EscalationActivitiesImpl activities = activities(webhook());

    for (int i = 1; i < MAX_ATTEMPTS; i++) {
      attempt.set(i);
      assertThatThrownBy(() -> activities.open(escalation(1)))
          .isInstanceOfSatisfying(
              ApplicationFailure.class,
              failure -> {
                assertThat(failure.getType()).isEqualTo(Alerts.DELIVERY_FAILED);
                assertThat(failure.getOriginalMessage())
                    .contains("HTTP 500")
                    .doesNotContain(SECRET)
                    .doesNotContain("payments refused");
              });
      assertThat(store.alerts("order-A-3"))
          .singleElement()
          .satisfies(a -> assertThat(a.delivery()).isEqualTo(AlertDelivery.PENDING));
    }
    attempt.set(MAX_ATTEMPTS);
    activities.open(escalation(1));

    assertThat(receiver.received()).hasSize(MAX_ATTEMPTS);
    assertThat(store.alerts("order-A-3"))
        .singleElement()
        .satisfies(
            a -> {
              assertThat(a.delivery()).isEqualTo(AlertDelivery.FAILED);
              assertThat(a.deliveryAttempts()).isEqualTo(MAX_ATTEMPTS);
              assertThat(a.deliveryError()).contains("HTTP 500");
              assertThat(a.deliveredAt()).isNull();
            });
    assertThat(logged)
        .singleElement()
        .satisfies(n -> assertThat(n.message()).startsWith("NEEDS OPERATOR"));
    assertThat(store.list(true)).hasSize(1);

    attempt.set(MAX_ATTEMPTS + 1);
    activities.open(escalation(1));
    assertThat(receiver.received()).hasSize(MAX_ATTEMPTS);
  }

  @Test
  void givenAReceiverThatRecovers_theRetriedAttemptDeliversIt() {
    receiver.answer(503);
    EscalationActivitiesImpl activities = activities(webhook());
    assertThatThrownBy(() -> activities.realert(escalation(2)))
        .isInstanceOf(ApplicationFailure.class);

    receiver.answer(200);
    attempt.set(2);
    activities.realert(escalation(2));

    assertThat(store.alerts("order-A-3"))
        .singleElement()
        .satisfies(
            a -> {
              assertThat(a.delivery()).isEqualTo(AlertDelivery.DELIVERED);
              assertThat(a.deliveryAttempts()).isEqualTo(2);
              assertThat(a.deliveryError()).isNull();
            });
    assertThat(logged).hasSize(1);
  }

  @Test
  void givenNoWebhook_alertsAreLoggedAndRecordedLogged() {
    EscalationActivitiesImpl activities = activities(null);

    activities.open(escalation(1));
    activities.realert(escalation(2));

    assertThat(store.alerts("order-A-3"))
        .extracting(AlertRecord::delivery)
        .containsExactly(AlertDelivery.LOGGED, AlertDelivery.LOGGED);
    assertThat(logged).hasSize(2);
    assertThat(receiver.received()).isEmpty();
  }

  @Test
  void givenAnApprovalRequestWithTheSameNumberAsAnAlertBefore_itIsAnAlertOfItsOwn() {
    Alerts alerts = new Alerts(store, logged::add, webhook(), attempt::get);
    activities(webhook()).open(escalation(1));

    alerts.send(AlertNotice.approvalRequested(escalation(1)));

    assertThat(receiver.received())
        .extracting(r -> r.header("X-Amends-Delivery"))
        .containsExactly(
            "order-A-3/chargeCard-1/1/OPENED", "order-A-3/chargeCard-1/1/APPROVAL_REQUESTED");
    assertThat(store.alerts("order-A-3"))
        .extracting(AlertRecord::kind, AlertRecord::audience)
        .containsExactly(
            tuple(AlertKind.OPENED, AlertAudience.OPERATOR),
            tuple(AlertKind.APPROVAL_REQUESTED, AlertAudience.APPROVER));
  }
}
