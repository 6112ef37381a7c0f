package dev.amends.app.ledger;

import static dev.amends.spring.security.Roles.ADMIN;
import static dev.amends.spring.security.Roles.OPERATOR;

import dev.amends.activities.ledger.ChainVerification;
import dev.amends.activities.ledger.EffectLedger;
import dev.amends.app.reconcile.ReconcileRuns;
import dev.amends.app.reconcile.ReconcilerRunner;
import dev.amends.spring.console.ConsolePage;
import dev.amends.spring.console.ConsoleSection;
import java.time.Instant;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.core.annotation.Order;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The console's ledger and reconciler page: the chain's status and its last walk, the newest
 * entries, the recent runs with their drifts and actions; operators start a run, admins walk the
 * chain. A run starts as {@code POST /reconciler/runs} starts one, and a walk is {@code GET
 * /ledger/verification}'s own code, here recorded with who asked.
 */
@Controller
@ConsolePage
@ConditionalOnBooleanProperty(name = "amends.console.enabled", matchIfMissing = true)
class ReconcilerConsole {
  static final String PATH = "/console/reconciler";
  static final String RUNS = PATH + "/runs";
  static final String VERIFICATIONS = PATH + "/verifications";
  static final ConsoleSection SECTION =
      ConsoleSection.of("Reconciler", PATH, OPERATOR, ADMIN)
          .withForm(RUNS, OPERATOR, ADMIN)
          // Walking the whole chain is an admin's job, as on the API.
          .withForm(VERIFICATIONS, ADMIN);

  /** How many of the newest entries and the latest runs the page shows. */
  static final int ENTRIES = 20;

  static final int RUNS_SHOWN = 20;

  private final LedgerController chain;
  private final LedgerVerifications verifications;
  private final EffectLedger ledger;
  private final ReconcilerRunner runner;
  private final ReconcileRuns runs;

  ReconcilerConsole(
      LedgerController chain,
      LedgerVerifications verifications,
      EffectLedger ledger,
      ReconcilerRunner runner,
      ReconcileRuns runs) {
    this.chain = chain;
    this.verifications = verifications;
    this.ledger = ledger;
    this.runner = runner;
    this.runs = runs;
  }

  @Bean
  @Order(10)
  static ConsoleSection reconcilerSection() {
    return SECTION;
  }

  @GetMapping(PATH)
  String page(Authentication who, Model model) {
    model.addAttribute(
        "chain", ReconcilerPage.ChainStatus.latest(verifications.latest(), runner.latest()));
    model.addAttribute("entries", ledger.latest(ENTRIES));
    model.addAttribute(
        "runs", runs.recent(RUNS_SHOWN).stream().map(ReconcilerPage.Run::of).toList());
    model.addAttribute("mayStart", SECTION.allowsPost(who, RUNS));
    model.addAttribute("mayVerify", SECTION.allowsPost(who, VERIFICATIONS));
    return "console/reconciler";
  }

  @PostMapping(RUNS)
  String startRun(RedirectAttributes flash) {
    String runId = runner.startNow("console");
    flash.addFlashAttribute(
        "sent", "Reconciler run " + runId + " started. It is listed below once it has finished.");
    return "redirect:" + PATH;
  }

  @PostMapping(VERIFICATIONS)
  String verify(Authentication who, RedirectAttributes flash) {
    ChainVerification walked = chain.verify().chain();
    verifications.record(who.getName(), walked, Instant.now());
    if (walked.intact()) {
      flash.addFlashAttribute(
          "sent",
          "The chain is intact: "
              + walked.entriesChecked()
              + " entries checked, up to entry "
              + walked.headSeq()
              + ".");
    } else {
      // Said as a problem, not as a notice: nothing the ledger says can be trusted now.
      flash.addFlashAttribute(
          "alarm",
          "The chain is broken at entry " + walked.brokenAtSeq() + ": " + walked.problem());
    }
    return "redirect:" + PATH;
  }
}
