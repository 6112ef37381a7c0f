package dev.amends.app.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Kills the worker with SIGKILL while steps run and while sagas wait for an operator, starts it
 * again, and checks that every saga reaches its right end and every external effect happened
 * exactly once: no second charge, no lost refund.
 */
class CrashIT {
  private static final String RUN = "crash" + System.currentTimeMillis();
  private static final int PER_KIND = 6;

  /** What an order is made to do, how it must end, and what each sandbox must hold after. */
  enum Kind {
    HAPPY(
        "BOOK-1",
        "tok_visa",
        "1 Main St",
        "ana@example.com",
        "COMPLETED",
        "CHARGE",
        "stock:DO",
        "shipping:DO",
        "mail:DO"),
    FAILS_AT_SHIPMENT(
        "BOOK-1",
        "tok_visa",
        "7 UNDELIVERABLE Rd",
        "ana@example.com",
        "COMPENSATED",
        "CHARGE,REFUND",
        "stock:DO,UNDO",
        "",
        ""),
    REFUND_BLOCKED(
        "BOOK-1",
        "tok_refund_blocked",
        "7 UNDELIVERABLE Rd",
        "ana@example.com",
        "COMPENSATED_WITH_OPERATOR",
        "CHARGE,REFUND",
        "stock:DO,UNDO",
        "",
        ""),
    NOTICE_BLOCKED(
        "BOOK-1",
        "tok_visa",
        "1 Main St",
        "lost-ack+notice-blocked@example.com",
        "COMPENSATED_WITH_OPERATOR",
        "CHARGE,REFUND",
        "stock:DO,UNDO",
        "shipping:DO,UNDO",
        "mail:DO");
    final String sku, card, line1, email, end, payments, stock, shipping, mail;

    Kind(
        String sku,
        String card,
        String line1,
        String email,
        String end,
        String payments,
        String stock,
        String shipping,
        String mail) {
      this.sku = sku;
      this.card = card;
      this.line1 = line1;
      this.email = email;
      this.end = end;
      this.payments = payments;
      this.stock = stock;
      this.shipping = shipping;
      this.mail = mail;
    }
  }

  private AmendsProcess amends;
  private AmendsProcess second;

  @AfterEach
  void stop() throws Exception {
    if (second != null) {
      second.close();
    }
    if (amends != null) {
      amends.close();
    }
  }

  @Test
  void twoProcessesShareOneQueueAndDatabase_andKillingOneMidRunLosesAndRepeatsNothing()
      throws Exception {
    String[] args = {"--amends.sandbox.latency=300ms", "--amends.undo-maximum-attempts=4"};
    amends = new AmendsProcess(args).start();
    second = new AmendsProcess(args).start();
    Api survivor = new Api(() -> amends.baseUrl());
    Api victim = new Api(() -> second.baseUrl()).as("service");
    Map<String, Kind> orders = new LinkedHashMap<>();
    for (int i = 0; i < PER_KIND; i++) {
      for (Kind kind : List.of(Kind.HAPPY, Kind.FAILS_AT_SHIPMENT)) {
        String id = RUN + "-pair-" + kind.name().toLowerCase() + "-" + i;
        orders.put(id, kind);
        // Half are started through each process; either worker may run any of them.
        Api entry = i % 2 == 0 ? survivor.as("service") : victim;
        assertThat(
                entry.post("/orders", Api.order(id, kind.sku, kind.card, kind.line1, kind.email)))
            .isEqualTo(201);
      }
    }

    Thread.sleep(1500);
    second.kill9();
    second = null;

    assertEveryEffectOnce(orders, survivor.as("service"), survivor.as("operator"));
    assertThat(survivor.as("admin").get("/ledger/verification").at("/chain/intact").asBoolean())
        .isTrue();
  }

  @Test
  void everySagaReachesItsEndAndEveryEffectHappensOnceDespiteSigkills() throws Exception {
    // Each SIGKILL can cost an undo in flight one attempt (it times out on the dead worker), and
    // the test kills twice: an undo must have attempts left after both to end without a person.
    String[] args = {"--amends.sandbox.latency=300ms", "--amends.undo-maximum-attempts=4"};
    amends = new AmendsProcess(args).start();
    Api api = new Api(() -> amends.baseUrl());
    Api service = api.as("service");
    Api operator = api.as("operator");
    Api admin = api.as("admin");
    Map<String, Kind> orders = new LinkedHashMap<>();
    for (int i = 0; i < PER_KIND; i++) {
      for (Kind kind : Kind.values()) {
        String id = RUN + "-" + kind.name().toLowerCase() + "-" + i;
        orders.put(id, kind);
        assertThat(
                service.post("/orders", Api.order(id, kind.sku, kind.card, kind.line1, kind.email)))
            .isEqualTo(201);
      }
    }

    // While steps run: the sandboxes answer in 300 ms, so many calls are in flight.
    Thread.sleep(1500);
    amends.kill9();
    String running =
        TemporalCli.run(
            "workflow",
            "count",
            "--query",
            "ExecutionStatus=\"Running\" AND WorkflowId STARTS_WITH \"order-" + RUN + "\"");
    assertThat(Integer.parseInt(running.replaceAll("\\D", "")))
        .as("sagas in flight when the worker died")
        .isPositive();
    amends.start();
    Thread.sleep(2500);
    amends.kill9();
    amends.start();

    // While sagas wait for an operator.
    for (Map.Entry<String, Kind> order : orders.entrySet()) {
      String end = order.getValue().end;
      String wait = end.equals("COMPENSATED_WITH_OPERATOR") ? "NEEDS_OPERATOR" : end;
      service.await("/orders/" + order.getKey(), Api.status(wait), Duration.ofSeconds(120));
    }
    amends.kill9();
    amends.start();

    for (Map.Entry<String, Kind> order : orders.entrySet()) {
      String id = order.getKey();
      switch (order.getValue()) {
        case REFUND_BLOCKED -> {
          admin.post("/sandbox/heal", "{\"orderId\": \"" + id + "\", \"system\": \"payments\"}");
          assertThat(decide(operator, id, "chargeCard-1", "{\"action\": \"RETRY\"}"))
              .isEqualTo(202);
        }
        case NOTICE_BLOCKED ->
            assertThat(
                    decide(
                        operator,
                        id,
                        "sendConfirmation-1",
                        "{\"action\": \"RESOLVED_MANUALLY\", \"note\": \"phoned the customer\"}"))
                .isEqualTo(202);
        default -> {}
      }
    }

    assertEveryEffectOnce(orders, service, operator);
    assertThat(admin.get("/ledger/verification").at("/chain/intact").asBoolean()).isTrue();
    String report = operator.postForJson("/reconciler/runs", "").get("report").asText();
    JsonNode reconciled =
        operator.await(
            report, r -> r.get("status").asText().equals("DONE"), Duration.ofSeconds(60));
    assertThat(reconciled.at("/survey/drifts").findValuesAsText("sagaId"))
        .noneMatch(saga -> saga.contains(RUN));
    assertThat(reconciled.at("/survey/drifts").findValuesAsText("orderId"))
        .noneMatch(id -> id.contains(RUN));
  }

  /**
   * Each order reached its end, every sandbox holds each of its effects exactly once, and the
   * ledger tells each charge's (and refund's) story once, as intent and outcome.
   */
  private static void assertEveryEffectOnce(Map<String, Kind> orders, Api service, Api operator)
      throws Exception {
    List<String> problems = new ArrayList<>();
    try (Connection db = DriverManager.getConnection(RealParts.dbUrl(), "amends", "amends")) {
      for (Map.Entry<String, Kind> order : orders.entrySet()) {
        String id = order.getKey();
        Kind kind = order.getValue();
        JsonNode state =
            service.await("/orders/" + id, Api.status(kind.end), Duration.ofSeconds(120));
        assertThat(state.get("escalations").findValues("decision")).allMatch(d -> !d.isNull());
        check(
            problems,
            id,
            "payments",
            String.join(
                ",",
                list(db, "SELECT kind FROM sandbox_payment WHERE order_id = ? ORDER BY kind", id)),
            kind.payments);
        for (String system : List.of("stock", "shipping", "mail")) {
          String expected =
              switch (system) {
                case "stock" -> kind.stock;
                case "shipping" -> kind.shipping;
                default -> kind.mail;
              };
          List<String> kinds =
              list(
                  db,
                  "SELECT kind FROM sandbox_effect WHERE order_id = ? AND system = '"
                      + system
                      + "' ORDER BY kind",
                  id);
          check(
              problems,
              id,
              system,
              kinds.isEmpty() ? "" : system + ":" + String.join(",", kinds),
              expected);
        }
      }
    }
    assertThat(problems).as("effects that did not happen exactly once").isEmpty();

    for (Map.Entry<String, Kind> order : orders.entrySet()) {
      String expected =
          order.getValue() == Kind.HAPPY
              ? "EFFECT:INTENDED,EFFECT:CONFIRMED"
              : "EFFECT:INTENDED,EFFECT:CONFIRMED,CORRECTION:INTENDED,CORRECTION:CONFIRMED";
      List<String> story = new ArrayList<>();
      for (JsonNode entry : operator.get("/ledger/entries?sagaId=order-" + order.getKey())) {
        story.add(entry.get("kind").asText() + ":" + entry.get("phase").asText());
      }
      check(problems, order.getKey(), "ledger", String.join(",", story), expected);
    }
    assertThat(problems).as("ledger stories").isEmpty();
  }

  private static int decide(Api operator, String orderId, String escalationId, String body)
      throws Exception {
    return operator.post("/orders/" + orderId + "/escalations/" + escalationId, body);
  }

  private static void check(
      List<String> problems, String id, String what, String actual, String expected) {
    if (!actual.equals(expected)) {
      problems.add(id + " " + what + ": expected [" + expected + "] but was [" + actual + "]");
    }
  }

  private static List<String> list(Connection db, String sql, String orderId) throws Exception {
    List<String> out = new ArrayList<>();
    try (PreparedStatement st = db.prepareStatement(sql)) {
      st.setString(1, orderId);
      try (ResultSet rs = st.executeQuery()) {
        while (rs.next()) {
          out.add(rs.getString(1));
        }
      }
    }
    return out;
  }
}
