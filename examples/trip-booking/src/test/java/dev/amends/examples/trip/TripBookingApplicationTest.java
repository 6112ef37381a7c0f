package dev.amends.examples.trip;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import com.fasterxml.jackson.databind.JsonNode;
import dev.amends.activities.ledger.EffectLedger;
import dev.amends.activities.ledger.EntryKind;
import dev.amends.activities.ledger.EntryPhase;
import dev.amends.activities.ledger.LedgerEntry;
import dev.amends.examples.trip.sandbox.SandboxDeposits;
import dev.amends.examples.trip.sandbox.SandboxSuppliers;
import dev.amends.examples.trip.sandbox.SandboxSuppliers.Reservation;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.resttestclient.TestRestTemplate;
import org.springframework.boot.resttestclient.autoconfigure.AutoConfigureTestRestTemplate;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.test.context.ActiveProfiles;

/**
 * The example application as a team would run it, with amends' starter and nothing of amends' own
 * application: REST in, the trip saga, the sandboxes, an escalation settled through the operator
 * API, and the effect ledger.
 */
@AutoConfigureTestRestTemplate
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
class TripBookingApplicationTest {
  @Autowired TestRestTemplate http;
  @Autowired EffectLedger ledger;
  @Autowired SandboxSuppliers suppliers;
  @Autowired SandboxDeposits deposits;

  static String trip(String id, String hotel, String car, String card) {
    return """
        {"tripId": "%s", "traveller": "Ana Lima", "flight": "TP 1234 LIS-JFK",
         "hotel": "%s", "car": "%s", "cardToken": "%s", "depositMinor": 15000, "currency": "EUR"}
        """
        .formatted(id, hotel, car, card);
  }

  @Test
  void onlyTheStarterIsOnTheClasspath_noClassOfTheAmendsApplication() {
    ClassLoader loader = getClass().getClassLoader();
    assertThat(loader.getResource("dev/amends/app")).isNull();
    assertThatThrownBy(() -> Class.forName("dev.amends.app.AmendsApplication"))
        .isInstanceOf(ClassNotFoundException.class);
    assertThatThrownBy(() -> Class.forName("dev.amends.app.order.OrderWorkflowImpl"))
        .isInstanceOf(ClassNotFoundException.class);
  }

  @Test
  void givenTheCarFailsAndTheHotelWillNotCancel_anOperatorSettlesItAndTheTripEndsCompensated()
      throws Exception {
    ResponseEntity<String> booked =
        Api.as(http, "service")
            .post("/trips", trip("must-1", "CANCEL-BLOCKED Hotel Jay", "SOLD-OUT SUV", "tok_visa"));
    assertThat(booked.getStatusCode()).isEqualTo(HttpStatus.CREATED);

    // The car is refused; undoing the trip, the hotel's cancellation fails for good.
    Api operator = Api.as(http, "operator");
    JsonNode escalation =
        find(
            operator.await("/escalations", list -> find(list, "trip-must-1") != null),
            "trip-must-1");
    assertThat(escalation.get("escalationId").asText()).isEqualTo("bookHotel-1");
    assertThat(escalation.get("world").asText()).isEqualTo("RML-2");
    assertThat(escalation.get("undo").asText()).isEqualTo("cancelHotel");
    assertThat(escalation.get("error").asText()).contains("CANCEL_BLOCKED");
    assertThat(escalation.get("runbookUrl").asText()).isEqualTo("/docs/runbooks/cancel-hotel.md");
    assertThat(escalation.get("decide").asText())
        .isEqualTo("/sagas/trip-must-1/escalations/bookHotel-1");
    JsonNode waiting = Api.as(http, "service").get("/trips/must-1");
    assertThat(waiting.get("status").asText()).isEqualTo("NEEDS_OPERATOR");
    assertThat(waiting.get("failedStep").asText()).isEqualTo("bookCar");

    // The operator cancels the room by phone, following the runbook, and says so.
    ResponseEntity<String> decided =
        operator.post(
            "/sagas/trip-must-1/escalations/bookHotel-1",
            """
            {"action": "RESOLVED_MANUALLY", "note": "cancelled by phone, ref HJ-77"}
            """);
    assertThat(decided.getStatusCode().is2xxSuccessful()).as(decided.getBody()).isTrue();

    JsonNode done =
        Api.as(http, "service")
            .await(
                "/trips/must-1", s -> s.get("status").asText().equals("COMPENSATED_WITH_OPERATOR"));
    assertThat(steps(done))
        .containsEntry("bookFlight", "UNDONE")
        .containsEntry("bookHotel", "RESOLVED_MANUALLY")
        .containsEntry("bookCar", "NOTHING_TO_UNDO")
        .containsEntry("chargeDeposit", "PENDING");
    operator.await("/escalations", list -> find(list, "trip-must-1") == null);
    JsonNode closed = find(operator.get("/escalations?status=all"), "trip-must-1");
    assertThat(closed.get("decisionOperator").asText()).isEqualTo("operator");

    // The deposit was never charged: nothing at the provider, nothing in the ledger.
    assertThat(ledger.forSaga("trip-must-1")).isEmpty();
    assertThat(deposits.payments("must-1")).isEmpty();
    assertThat(suppliers.reservations("must-1"))
        .extracting(Reservation::supplier, Reservation::cancelled)
        .containsExactlyInAnyOrder(tuple("flights", true), tuple("hotels", false));
  }

  @Test
  void givenTheDepositIsChargedButItsAnswerIsLost_theLedgerShowsTheChargeAndItsRefund()
      throws Exception {
    Api.as(http, "service")
        .post("/trips", trip("lost-1", "Hotel Jay", "Compact", SandboxDeposits.LOST_ACK));

    JsonNode done =
        Api.as(http, "service")
            .await("/trips/lost-1", s -> s.get("status").asText().equals("COMPENSATED"));

    assertThat(steps(done)).containsOnlyKeys("bookFlight", "bookHotel", "bookCar", "chargeDeposit");
    assertThat(steps(done).values()).containsOnly("UNDONE");
    List<LedgerEntry> entries = ledger.forSaga("trip-lost-1");
    assertThat(entries)
        .extracting(LedgerEntry::kind, LedgerEntry::phase, LedgerEntry::amountMinor)
        .containsExactly(
            tuple(EntryKind.EFFECT, EntryPhase.INTENDED, 15000L),
            tuple(EntryKind.CORRECTION, EntryPhase.INTENDED, 15000L),
            tuple(EntryKind.CORRECTION, EntryPhase.CONFIRMED, 15000L));
    assertThat(entries.get(2).correctsSeq()).isEqualTo(entries.get(0).seq());
    assertThat(entries.get(2).externalRef()).startsWith("re_");
    assertThat(deposits.payments("lost-1"))
        .extracting(SandboxDeposits.Payment::refundId)
        .containsExactly(entries.get(2).externalRef());
    assertThat(suppliers.reservations("lost-1")).allMatch(Reservation::cancelled).hasSize(3);
  }

  @Test
  void callersNeedTheirRole() {
    ResponseEntity<String> asOperator =
        Api.as(http, "operator").post("/trips", trip("role-1", "H", "C", "tok_visa"));
    assertThat(asOperator.getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
    ResponseEntity<String> anonymous =
        http.postForEntity("/trips", trip("role-2", "H", "C", "tok_visa"), String.class);
    assertThat(anonymous.getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
  }

  private static Map<String, String> steps(JsonNode state) {
    return StreamSupport.stream(state.get("steps").spliterator(), false)
        .collect(Collectors.toMap(s -> s.get("name").asText(), s -> s.get("status").asText()));
  }

  private static JsonNode find(JsonNode escalations, String sagaId) {
    for (JsonNode e : escalations) {
      if (e.get("sagaId").asText().equals(sagaId)) {
        return e;
      }
    }
    return null;
  }
}
