package dev.amends.testkit.determinism;

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
    String home = System.getenv("HOME");
    return now + id + millis + dice + home;
  }

  synchronized void guarded() {}

  /** Ways around the first rules, each caught on its own. */
  static class ReadsTheDate {
    Object run() {
      return new java.util.Date();
    }
  }

  static class ReadsAClock {
    Object run() {
      return java.time.Clock.systemUTC().instant();
    }
  }

  static class TakesALock {
    void run() {
      new java.util.concurrent.locks.ReentrantLock().lock();
    }
  }

  static class CountsAtomically {
    int run() {
      return new java.util.concurrent.atomic.AtomicInteger().incrementAndGet();
    }
  }
}
