package dev.amends.app.it;

import static dev.amends.app.it.Api.status;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The Temporal server stopped for 30 seconds: the REST API answers 503 problem+json, never 500, and
 * no saga is lost; sagas started before the outage complete after it.
 */
class TemporalOutageIT {
  private static final String RUN = "tout" + System.currentTimeMillis();
  private static final ObjectMapper JSON = new ObjectMapper();
  private static AmendsProcess amends;
  private static Api service;

  @BeforeAll
  static void start() throws Exception {
    amends = new AmendsProcess("--amends.sandbox.latency=300ms").start();
    service = new Api(amends::baseUrl).as("service");
  }

  @AfterAll
  static void stop() throws Exception {
    try {
      PartsControl.startTemporal();
    } finally {
      amends.close();
    }
  }

  @Test
  void theApiAnswers503WhileTemporalIsAway_andNoSagaIsLost() throws Exception {
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      String id = RUN + "-" + i;
      assertThat(service.post("/orders", order(id))).isEqualTo(201);
      ids.add(id);
    }
    PartsControl.stopTemporal();
    long stoppedAt = System.nanoTime();
    int answers = 0;
    while (Duration.ofNanos(System.nanoTime() - stoppedAt).toSeconds() < 30) {
      assertUnavailable(service.postResponse("/orders", order(RUN + "-during-" + answers)));
      assertUnavailable(service.getResponse("/orders/" + ids.get(0)));
      answers++;
    }
    assertThat(answers).isPositive();
    PartsControl.startTemporal();

    for (String id : ids) {
      service.await("/orders/" + id, status("COMPLETED"), Duration.ofMinutes(2));
    }
    // What was refused with 503 did not start: the same id starts now, once.
    String retried = RUN + "-during-0";
    assertThat(service.post("/orders", order(retried))).isEqualTo(201);
    service.await("/orders/" + retried, status("COMPLETED"), Duration.ofMinutes(1));
  }

  private static void assertUnavailable(HttpResponse<String> answer) throws Exception {
    assertThat(answer.statusCode())
        .as("answer while Temporal is away: %s", answer.body())
        .isEqualTo(503);
    assertThat(answer.headers().firstValue("content-type"))
        .hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
    assertThat(answer.headers().firstValue("retry-after")).isPresent();
    JsonNode problem = JSON.readTree(answer.body());
    assertThat(problem.get("status").asInt()).isEqualTo(503);
    assertThat(problem.get("detail").asText()).contains("workflow service");
  }

  private static String order(String id) {
    return Api.order(id, "tok_visa", "1 Main St", "ana@example.com");
  }
}
