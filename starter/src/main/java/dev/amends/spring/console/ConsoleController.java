package dev.amends.spring.console;

import com.fasterxml.jackson.databind.JsonNode;
import dev.amends.activities.escalation.EscalationRecord;
import dev.amends.activities.escalation.EscalationStore;
import dev.amends.activities.ledger.EffectLedger;
import dev.amends.activities.ledger.LedgerEntry;
import dev.amends.saga.Escalation;
import dev.amends.saga.SagaState;
import dev.amends.saga.World;
import dev.amends.spring.api.ApiException;
import dev.amends.spring.config.AmendsProperties;
import dev.amends.spring.escalation.DecisionRequest;
import dev.amends.spring.escalation.EscalationController;
import dev.amends.spring.sagas.SagaFlow;
import dev.amends.spring.sagas.SagaQueries;
import dev.amends.spring.security.ConsoleLogin;
import io.temporal.api.common.v1.Payloads;
import io.temporal.api.failure.v1.Failure;
import io.temporal.client.WorkflowClient;
import io.temporal.common.converter.DataConverter;
import io.temporal.failure.TemporalFailure;
import jakarta.servlet.http.HttpServletResponse;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The operator console's pages. Reading goes through the escalation store and the saga's query;
 * decisions and approvals go through the operator API's own checks ({@link EscalationController})
 * and {@link SagaQueries#decide}, with the logged-in person as the operator. The model every page
 * shares (user, sections) and the problem page come from {@link ConsolePageModel}.
 */
@Controller
@ConsolePage
class ConsoleController {
  private static final String V = "amends-console/";

  private final EscalationStore store;
  private final SagaQueries sagas;
  private final EscalationController decisions;
  private final EffectLedger ledger;
  private final AmendsProperties amends;
  private final ConsoleProperties properties;
  private final ConsoleLogin login;
  private final WorkflowClient temporal;
  private final List<SagaFlow<?>> flows;
  private final Runbooks runbooks = new Runbooks();

  ConsoleController(
      EscalationStore store,
      SagaQueries sagas,
      EscalationController decisions,
      EffectLedger ledger,
      AmendsProperties amends,
      ConsoleProperties properties,
      ConsoleLogin login,
      WorkflowClient temporal,
      ObjectProvider<SagaFlow<?>> flows) {
    this.store = store;
    this.sagas = sagas;
    this.decisions = decisions;
    this.ledger = ledger;
    this.amends = amends;
    this.properties = properties;
    this.login = login;
    this.temporal = temporal;
    this.flows = flows.orderedStream().toList();
  }

  @GetMapping("/login")
  String login(Model model) {
    model.addAttribute("form", login.form());
    model.addAttribute("providers", login.providers());
    return V + "login";
  }

  @GetMapping({"/console", "/console/"})
  String home(Authentication who) {
    if (Access.of(who).reads()) {
      return "redirect:/console/inbox";
    }
    return V + "home";
  }

  // --- the inbox --------------------------------------------------------------------------

  @GetMapping("/console/inbox")
  String inbox(
      @RequestParam(defaultValue = "") String flow,
      @RequestParam(defaultValue = "") String world,
      @RequestParam(defaultValue = "") String state,
      Model model) {
    List<EscalationRecord> open = store.list(true);
    Set<String> flows = new TreeSet<>();
    open.forEach(r -> flows.add(r.sagaName()));
    model.addAttribute("flows", flows);
    model.addAttribute("worlds", List.of("RML-1", "RML-2", "RML-3"));
    model.addAttribute("flow", flow);
    model.addAttribute("world", world);
    model.addAttribute("state", state);
    model.addAttribute("refreshMillis", properties.refresh().toMillis());
    model.addAttribute("sla", Ages.text(properties.sla()));
    rows(open, flow, world, state, model);
    return V + "inbox";
  }

  /** The inbox's rows alone, which the page fetches to update itself without a reload. */
  @GetMapping("/console/inbox/rows")
  String inboxRows(
      @RequestParam(defaultValue = "") String flow,
      @RequestParam(defaultValue = "") String world,
      @RequestParam(defaultValue = "") String state,
      Model model) {
    rows(store.list(true), flow, world, state, model);
    return V + "inbox :: rows";
  }

  private void rows(
      List<EscalationRecord> open, String flow, String world, String state, Model model) {
    Instant now = Instant.now();
    List<InboxRow> rows =
        open.stream()
            .filter(r -> flow.isEmpty() || flow.equals(r.sagaName()))
            .filter(r -> world.isEmpty() || world.equals(r.world()))
            .filter(
                r ->
                    state.isEmpty()
                        || (state.equals("AWAITING_APPROVAL") == r.awaitsApproval()
                            && (state.equals("AWAITING_APPROVAL") || state.equals("OPEN"))))
            .sorted(Comparator.comparing(EscalationRecord::openedAt))
            .map(r -> InboxRow.of(r, now, properties.sla()))
            .toList();
    model.addAttribute("rows", rows);
    model.addAttribute("total", open.size());
  }

  // --- sagas and escalations --------------------------------------------------------------

  @GetMapping("/console/sagas")
  String search(
      @RequestParam(defaultValue = "") String flow,
      @RequestParam(defaultValue = "") String status,
      @RequestParam(defaultValue = "") String id,
      Model model,
      HttpServletResponse response) {
    SagaSearch.Criteria criteria = new SagaSearch.Criteria(flow.strip(), status, id.strip());
    SagaSearch search = new SagaSearch(temporal, flows);
    model.addAttribute("flows", search.flowTypes());
    model.addAttribute("statuses", SagaSearch.STATUSES);
    model.addAttribute("criteria", criteria);
    String problem = SagaSearch.problem(criteria);
    if (problem != null) {
      response.setStatus(400);
      model.addAttribute("problem", problem);
      model.addAttribute("rows", List.of());
      return V + "sagas";
    }
    model.addAttribute("rows", search.find(criteria, 100));
    return V + "sagas";
  }

  @GetMapping("/console/sagas/{sagaId}")
  String saga(@PathVariable String sagaId, Authentication who, Model model) {
    return sagaPage(sagaId, null, who, model);
  }

  @GetMapping("/console/sagas/{sagaId}/escalations/{escalationId}")
  String escalation(
      @PathVariable String sagaId,
      @PathVariable String escalationId,
      Authentication who,
      Model model) {
    return sagaPage(sagaId, escalationId, who, model);
  }

  private String sagaPage(String sagaId, String escalationId, Authentication who, Model model) {
    SagaState state = sagas.state(sagaId);
    Escalation focus = null;
    if (escalationId != null) {
      focus =
          state.escalations().stream()
              .filter(e -> e.id().equals(escalationId))
              .findFirst()
              .orElseThrow(
                  () ->
                      ApiException.notFound(
                          "saga " + sagaId + " has no escalation " + escalationId));
    }
    model.addAttribute("saga", state);
    model.addAttribute("timeline", Timeline.of(state, history(sagaId)));
    model.addAttribute("escalations", EscalationView.all(state, Instant.now(), properties.sla()));
    model.addAttribute(
        "focus", focus == null ? null : EscalationView.of(focus, Instant.now(), properties.sla()));
    model.addAttribute("runbook", focus == null ? null : runbooks.html(focus.runbook()));
    model.addAttribute("runbookUrl", focus == null ? null : amends.runbookUrl(focus.runbook()));
    Access access = Access.of(who);
    boolean open = focus != null && focus.awaitsDecision();
    boolean pending = focus != null && focus.awaitsApproval();
    model.addAttribute("showDecision", open && !pending && access.decides());
    model.addAttribute(
        "showApproval",
        pending
            && access.approves()
            && !focus.pendingWriteOff().requestedBy().equalsIgnoreCase(who.getName()));
    model.addAttribute(
        "ownRequest",
        pending && focus.pendingWriteOff().requestedBy().equalsIgnoreCase(who.getName()));
    boolean history = state.steps().stream().anyMatch(s -> s.world() == World.HISTORY);
    List<LedgerEntry> entries = history ? ledger.forSaga(sagaId) : List.of();
    model.addAttribute("ledger", entries);
    model.addAttribute("temporalUrl", temporalLink(sagaId));
    return V + "saga";
  }

  @PostMapping("/console/sagas/{sagaId}/escalations/{escalationId}/decision")
  String decide(
      @PathVariable String sagaId,
      @PathVariable String escalationId,
      @RequestParam(defaultValue = "") String action,
      @RequestParam(defaultValue = "") String note,
      Authentication who,
      Model model,
      HttpServletResponse response,
      RedirectAttributes flash) {
    return send(sagaId, escalationId, action, note, false, who, model, response, flash);
  }

  @PostMapping("/console/sagas/{sagaId}/escalations/{escalationId}/approval")
  String approve(
      @PathVariable String sagaId,
      @PathVariable String escalationId,
      @RequestParam(defaultValue = "") String action,
      @RequestParam(defaultValue = "") String note,
      Authentication who,
      Model model,
      HttpServletResponse response,
      RedirectAttributes flash) {
    return send(sagaId, escalationId, action, note, true, who, model, response, flash);
  }

  private String send(
      String sagaId,
      String escalationId,
      String action,
      String note,
      boolean review,
      Authentication who,
      Model model,
      HttpServletResponse response,
      RedirectAttributes flash) {
    DecisionRequest request =
        new DecisionRequest(
            null, action.isBlank() ? null : action, null, note.isBlank() ? null : note);
    try {
      if (review) {
        decisions.review(sagaId, escalationId, request, who);
      } else {
        decisions.decide(sagaId, escalationId, request, who);
      }
    } catch (ApiException refused) {
      response.setStatus(refused.status().value());
      model.addAttribute("formProblem", refused.getMessage());
      model.addAttribute("formField", refused.field());
      model.addAttribute("action", action);
      model.addAttribute("note", note);
      return sagaPage(sagaId, escalationId, who, model);
    }
    flash.addFlashAttribute(
        "sent",
        (review ? "Your " + action + " of the write-off" : "Your decision " + action)
            + " was sent to the saga.");
    return "redirect:/console/sagas/" + sagaId + "/escalations/" + escalationId;
  }

  // --- the ledger -------------------------------------------------------------------------

  @GetMapping("/console/ledger")
  String ledger(Model model) {
    model.addAttribute("entries", ledger.latest(100));
    return V + "ledger";
  }

  // --- shared -----------------------------------------------------------------------------

  private String temporalLink(String sagaId) {
    String base = properties.temporalUiUrl();
    if (base == null || base.isBlank()) {
      return null;
    }
    return base.replaceAll("/+$", "")
        + "/namespaces/"
        + URLEncoder.encode(temporal.getOptions().getNamespace(), StandardCharsets.UTF_8)
        + "/workflows/"
        + URLEncoder.encode(sagaId, StandardCharsets.UTF_8);
  }

  private List<Timeline.Activity> history(String sagaId) {
    try {
      return Timeline.activities(
          temporal.fetchHistory(sagaId).getEvents(), this::failureMessage, this::inputText);
    } catch (RuntimeException e) {
      return new ArrayList<>();
    }
  }

  /** A failure's message through the client's data converter, which decrypts it when encrypted. */
  private String failureMessage(Failure failure) {
    try {
      RuntimeException read = temporal.getOptions().getDataConverter().failureToException(failure);
      return read instanceof TemporalFailure known
          ? known.getOriginalMessage()
          : String.valueOf(read.getMessage());
    } catch (RuntimeException undecodable) {
      return failure.getMessage();
    }
  }

  /**
   * An activity's arguments as JSON text, through the client's data converter (which decrypts
   * them), so that the timeline can find a step's idempotency key in them.
   */
  private String inputText(Payloads input) {
    DataConverter converter = temporal.getOptions().getDataConverter();
    StringBuilder text = new StringBuilder("[");
    for (int i = 0; i < input.getPayloadsCount(); i++) {
      JsonNode argument =
          converter.fromPayloads(i, Optional.of(input), JsonNode.class, JsonNode.class);
      text.append(i > 0 ? "," : "").append(argument);
    }
    return text.append(']').toString();
  }

  /** What the logged-in person's roles let the saga pages show: as the security rules allow. */
  record Access(boolean reads, boolean decides, boolean approves) {
    static Access of(Authentication who) {
      return new Access(
          ConsoleSections.INBOX.readableBy(who),
          ConsoleSections.SAGAS.allowsPost(who, ConsoleSections.DECIDE),
          ConsoleSections.SAGAS.allowsPost(who, ConsoleSections.APPROVE));
    }
  }

  /** Ages as people read them. */
  static final class Ages {
    private Ages() {}

    static String text(Duration age) {
      long minutes = Math.max(0, age.toMinutes());
      if (minutes < 1) {
        return Math.max(0, age.toSeconds()) + " s";
      }
      if (minutes < 60) {
        return minutes + " min";
      }
      long hours = minutes / 60;
      if (hours < 24) {
        return hours + " h " + (minutes % 60) + " min";
      }
      return hours / 24 + " d " + hours % 24 + " h";
    }
  }
}
