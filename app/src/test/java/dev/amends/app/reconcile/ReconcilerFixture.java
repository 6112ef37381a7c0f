package dev.amends.app.reconcile;

import dev.amends.activities.db.TestDatabase;
import dev.amends.activities.escalation.Alerts;
import dev.amends.activities.escalation.DecisionSources;
import dev.amends.activities.escalation.EscalationActivitiesImpl;
import dev.amends.activities.escalation.EscalationStore;
import dev.amends.activities.escalation.JdbcEscalationStore;
import dev.amends.activities.escalation.LedgerSettlements;
import dev.amends.activities.ledger.EffectLedger;
import dev.amends.activities.ledger.FileAnchorLog;
import dev.amends.activities.ledger.LedgerVerifier;
import dev.amends.app.AmendsApplication;
import dev.amends.app.TaskQueues;
import dev.amends.app.order.LedgeredPayments;
import dev.amends.app.sandbox.SandboxFaults;
import dev.amends.app.sandbox.SandboxLatency;
import dev.amends.app.sandbox.SandboxPaymentProvider;
import dev.amends.saga.SagaSettings;
import io.temporal.api.enums.v1.IndexedValueType;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.testing.TestEnvironmentOptions;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.worker.Worker;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.time.Duration;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The reconciler wired as the application wires it — ledger, sandbox payment provider, run store,
 * escalations — on a fresh database and an in-process Temporal server with time skipping.
 */
final class ReconcilerFixture implements AutoCloseable {
  final TestDatabase db;
  final JdbcClient jdbc;
  final EffectLedger ledger;
  final LedgerVerifier verifier;
  final SandboxPaymentProvider provider;
  final SandboxFaults faults;
  final LedgeredPayments payments;
  final ReconcileRuns runs;
  final FileAnchorLog anchorLog;
  final EscalationStore escalations;
  final TestWorkflowEnvironment env;
  final WorkflowClient client;
  private int runs_;

  ReconcilerFixture(TestDatabase.Vendor vendor) {
    db = TestDatabase.create(vendor, AmendsApplication.MIGRATIONS);
    jdbc = db.jdbc();
    ledger = new EffectLedger(db.dataSource());
    verifier = new LedgerVerifier(db.dataSource());
    faults = new SandboxFaults(jdbc);
    provider = new SandboxPaymentProvider(jdbc, faults, new SandboxLatency(Duration.ZERO));
    payments = new LedgeredPayments(provider, ledger);
    runs = new ReconcileRuns(jdbc);
    try {
      anchorLog = new FileAnchorLog(Files.createTempDirectory("anchors").resolve("anchors.log"));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    escalations = new JdbcEscalationStore(jdbc);
    env =
        TestWorkflowEnvironment.newInstance(
            TestEnvironmentOptions.newBuilder()
                // Real time: with skipping, the server may jump to the held-open saga's default
                // ten-year timeout in the instant between a reconcile run's end and its result.
                .setUseTimeskipping(false)
                .registerSearchAttribute("SagaStatus", IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD)
                .build());
    client = env.getWorkflowClient();
    Worker worker = env.newWorker(TaskQueues.AMENDS);
    worker.registerWorkflowImplementationTypes(
        ReconcilerWorkflowImpl.class, DriftEscalationWorkflowImpl.class, HeldOpenSaga.Impl.class);
    SagaSettings settings = new SagaSettings(Duration.ofMinutes(30), 2);
    PaymentReconciliation reconciliation =
        new PaymentReconciliation(provider, ledger, new TemporalLiveSagas(client));
    worker.registerActivitiesImplementations(
        new ReconcilerActivitiesImpl(
            reconciliation,
            verifier,
            runs,
            new LedgerAnchors(runs, ledger, anchorLog),
            new DriftEscalations(client, settings)),
        new EscalationActivitiesImpl(
            escalations,
            Alerts.logOnly(escalations),
            new LedgerSettlements(ledger),
            new DecisionSources(client)));
    env.start();
  }

  /** Runs the reconciler to its end, as the schedule would, and returns its report. */
  ReconcileReport reconcile() {
    ReconcilerWorkflow run =
        client.newWorkflowStub(
            ReconcilerWorkflow.class,
            WorkflowOptions.newBuilder()
                .setTaskQueue(TaskQueues.AMENDS)
                .setWorkflowId("reconcile-test-" + (++runs_))
                .build());
    return run.reconcile(new ReconcileInput(50));
  }

  HeldOpenSaga startHeldOpen(String sagaId) {
    HeldOpenSaga saga =
        client.newWorkflowStub(
            HeldOpenSaga.class,
            WorkflowOptions.newBuilder()
                .setTaskQueue(TaskQueues.AMENDS)
                .setWorkflowId(sagaId)
                .build());
    WorkflowClient.start(saga::hold);
    return saga;
  }

  long ledgerEntries() {
    return jdbc.sql("SELECT COUNT(*) FROM ledger_entry").query(Long.class).single();
  }

  long providerRecords() {
    return jdbc.sql("SELECT COUNT(*) FROM sandbox_payment").query(Long.class).single();
  }

  @Override
  public void close() throws Exception {
    env.close();
    db.close();
  }
}
