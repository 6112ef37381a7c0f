package dev.amends.determinism;

import java.sql.Connection;
import java.time.Instant;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.Executors;
import org.springframework.stereotype.Component;

/** Everything a workflow must not do, so the determinism rules can be seen to catch it. */
@SuppressWarnings("unused")
class NonDeterministicWorkflow {
  static int runs;

  String run(Connection jdbc, Component springBean) throws Exception {
    runs++;
    Instant now = Instant.now();
    long millis = System.currentTimeMillis();
    String id = UUID.randomUUID().toString();
    int dice = new Random().nextInt(6);
    new Thread(() -> {}).start();
    Executors.newSingleThreadExecutor();
    return now + id + millis + dice;
  }
}
