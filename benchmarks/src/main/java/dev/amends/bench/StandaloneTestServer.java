package dev.amends.bench;

import io.temporal.testserver.TestServer;

/**
 * Temporal's in-memory test server in a JVM of its own, on wall-clock time, for the waiting-sagas
 * benchmark: faster to fill with thousands of sagas than the SQLite dev server, and outside the
 * worker's heap, which is what is measured. Usage: StandaloneTestServer PORT
 */
public final class StandaloneTestServer {
  private StandaloneTestServer() {}

  public static void main(String[] args) throws InterruptedException {
    if (args.length != 1 || !args[0].matches("\\d+")) {
      System.err.println("usage: StandaloneTestServer PORT");
      System.exit(2);
    }
    // Time skipping locked: re-alert timers must not all fire while the worker is idle.
    TestServer.createPortBoundServer(Integer.parseInt(args[0]), true);
    System.out.println("test server listening on port " + args[0]);
    Thread.currentThread().join();
  }
}
