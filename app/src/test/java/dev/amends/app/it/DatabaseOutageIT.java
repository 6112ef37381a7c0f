package dev.amends.app.it;

import static dev.amends.app.it.Api.status;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * PostgreSQL stopped for a minute while 50 orders run: an outage is not a refusal, so no order is
 * compensated because of it, and every one completes once the database is back.
 */
class DatabaseOutageIT {
  private static final String RUN = "dbout" + System.currentTimeMillis();
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
      PartsControl.startPostgres();
    } finally {
      amends.close();
    }
  }

  @Test
  void ordersWaitOutADatabaseOutageAndComplete() throws Exception {
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < 25; i++) {
      ids.add(post(i));
    }
    PartsControl.stopPostgres();
    long stoppedAt = System.nanoTime();
    for (int i = 25; i < 50; i++) {
      // Starting a saga needs Temporal only: it is accepted while the database is away.
      ids.add(post(i));
    }
    Thread.sleep(Math.max(0, Duration.ofSeconds(60).toMillis() - elapsedMillis(stoppedAt)));
    for (String id : ids.subList(0, 5)) {
      JsonNode state = service.get("/orders/" + id);
      assertThat(state.get("status").asText())
          .as("order %s during the outage", id)
          .isIn("RUNNING", "COMPLETED");
    }
    PartsControl.startPostgres();

    for (String id : ids) {
      // A compensated order never turns COMPLETED: await names its last state if one did.
      service.await("/orders/" + id, status("COMPLETED"), Duration.ofMinutes(3));
    }
  }

  private static String post(int i) throws Exception {
    String id = RUN + "-" + i;
    assertThat(service.post("/orders", Api.order(id, "tok_visa", "1 Main St", "ana@example.com")))
        .as("POST order %s", id)
        .isEqualTo(201);
    return id;
  }

  private static long elapsedMillis(long since) {
    return Duration.ofNanos(System.nanoTime() - since).toMillis();
  }
}
