package dev.amends.app.health;

import static org.assertj.core.api.Assertions.assertThat;

import dev.amends.spring.health.TemporalHealthIndicator;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.resttestclient.TestRestTemplate;
import org.springframework.boot.resttestclient.autoconfigure.AutoConfigureTestRestTemplate;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.test.context.ActiveProfiles;

/** Readiness waits for Temporal and the database; anonymous probes may read it. */
@AutoConfigureTestRestTemplate
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
class ReadinessTest {
  @Autowired TestRestTemplate http;
  @Autowired TemporalHealthIndicator temporal;

  @Value("${management.endpoint.health.group.readiness.include}")
  String readinessIncludes;

  @Test
  void givenTheEmbeddedServer_readinessIncludesTemporalAndTheDatabase_andIsUp() {
    assertThat(readinessIncludes.split(",")).contains("readinessState", "db", "temporal");
    assertThat(temporal.health().getStatus()).isEqualTo(Status.UP);

    ResponseEntity<String> readiness =
        http.getForEntity("/actuator/health/readiness", String.class);
    assertThat(readiness.getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(readiness.getBody()).contains("\"UP\"");
    assertThat(http.getForEntity("/actuator/health/liveness", String.class).getStatusCode())
        .isEqualTo(HttpStatus.OK);
  }
}
