package dev.amends.app.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestBuilders.formLogin;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.amends.app.api.ApiClient;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.http.MediaType;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;

/**
 * The operator console on the embedded default, through its own login and session: what each role
 * sees and may post, CSRF on every form, and a decision taken in the console settling a saga.
 */
@SpringBootTest
@AutoConfigureMockMvc
@ActiveProfiles("test")
class ConsoleTest {
  private static final String PASSWORD = ApiClient.DEMO_PASSWORD;

  @Autowired MockMvc mvc;
  final ObjectMapper json = new ObjectMapper();

  @Test
  void givenNoSession_pagesRedirectToTheLoginForm_andTheDemoUsersLogIn() throws Exception {
    MockHttpServletResponse page = mvc.perform(get("/console/inbox")).andReturn().getResponse();
    assertThat(page.getStatus()).isEqualTo(302);
    assertThat(page.getRedirectedUrl()).endsWith("/login");

    String form = mvc.perform(get("/login")).andReturn().getResponse().getContentAsString();
    assertThat(form).contains("<label for=\"username\">", "<label for=\"password\">", "_csrf");

    MvcResult wrong =
        mvc.perform(formLogin("/login").user("operator").password("not-it")).andReturn();
    assertThat(wrong.getResponse().getRedirectedUrl()).isEqualTo("/login?error");

    MvcResult right =
        mvc.perform(formLogin("/login").user("operator").password(PASSWORD)).andReturn();
    assertThat(right.getResponse().getRedirectedUrl()).isEqualTo("/console/");
    MockHttpSession session = (MockHttpSession) right.getRequest().getSession(false);
    assertThat(
            mvc.perform(get("/console/").session(session))
                .andReturn()
                .getResponse()
                .getRedirectedUrl())
        .isEqualTo("/console/inbox");
    String inbox =
        mvc.perform(get("/console/inbox").session(session))
            .andReturn()
            .getResponse()
            .getContentAsString();
    assertThat(inbox).contains("Open escalations", "Logged in as", "operator");
  }

  @Test
  void givenALoginWithoutItsCsrfToken_itIsRefused() throws Exception {
    MockHttpServletResponse refused =
        mvc.perform(
                post("/login")
                    .param("username", "operator")
                    .param("password", PASSWORD)
                    .contentType(MediaType.APPLICATION_FORM_URLENCODED))
            .andReturn()
            .getResponse();
    assertThat(refused.getStatus()).isEqualTo(403);
  }

  @Test
  void givenARefundThatFails_anOperatorFindsIt_readsItsRunbook_andSettlesItWithRetry()
      throws Exception {
    placeOrderWhoseRefundFails("console-1");
    MockHttpSession operator = login("operator");
    String page = "/console/sagas/order-console-1/escalations/chargeCard-1";

    String inbox = awaitInbox(operator, "order-console-1", true);
    assertThat(inbox)
        .contains(page, "RML-3", "an operator", "chargeCard")
        .contains("<caption>Open escalations</caption>");

    String escalation = html(get(page).session(operator));
    assertThat(escalation)
        .contains(
            "<h3>Runbook: the refund of a card charge failed", "<strong>What happened.</strong>")
        .contains("id=\"decision\"", "name=\"_csrf\"", "Timeline", "refundCharge")
        .contains("Idempotency key", "Ledger entries of this saga");
    assertThat(escalation).doesNotContain("id=\"approval\"");

    // Without a CSRF token the form is refused, and nothing reaches the saga.
    MockHttpServletResponse noToken =
        mvc.perform(post(page + "/decision").session(operator).param("action", "RETRY"))
            .andReturn()
            .getResponse();
    assertThat(noToken.getStatus()).isEqualTo(403);
    assertThat(saga("console-1").get("status").asText()).isEqualTo("NEEDS_OPERATOR");

    // A note is required to accept a loss: the page says so and keeps the form.
    MockHttpServletResponse noNote =
        mvc.perform(
                post(page + "/decision")
                    .session(operator)
                    .with(csrf())
                    .param("action", "ACCEPT_LOSS"))
            .andReturn()
            .getResponse();
    assertThat(noNote.getStatus()).isEqualTo(400);
    assertThat(noNote.getContentAsString()).contains("role=\"alert\"", "note", "id=\"decision\"");

    heal("console-1");
    MockHttpServletResponse retry =
        mvc.perform(
                post(page + "/decision").session(operator).with(csrf()).param("action", "RETRY"))
            .andReturn()
            .getResponse();
    assertThat(retry.getStatus()).isEqualTo(302);
    assertThat(retry.getRedirectedUrl()).isEqualTo(page);

    awaitSaga("console-1", s -> s.get("status").asText().equals("COMPENSATED_WITH_OPERATOR"));
    awaitInbox(operator, "order-console-1", false);
    assertThat(html(get(page).session(operator)))
        .contains("COMPENSATED_WITH_OPERATOR", "RETRY by operator")
        .doesNotContain("id=\"decision\"");

    // The timeline puts the history's activities on their steps: the refund ran twice under its
    // one idempotency key, once failing for good and once after the operator's RETRY.
    String timeline = html(get("/console/sagas/order-console-1").session(operator));
    assertThat(timeline)
        .containsPattern("(?s)<td>do</td><td>chargeCard</td>((?!</tr>).)*completed")
        .containsPattern("(?s)<td>undo</td><td>chargeCard</td>((?!</tr>).)*in 2 runs");

    // Found by flow and status, and by its order id; not under another status.
    assertThat(
            html(
                get("/console/sagas")
                    .param("flow", "OrderWorkflow")
                    .param("status", "COMPENSATED_WITH_OPERATOR")
                    .session(operator)))
        .contains("href=\"/console/sagas/order-console-1\"");
    assertThat(html(get("/console/sagas").param("id", "console-1").session(operator)))
        .contains("href=\"/console/sagas/order-console-1\"");
    assertThat(html(get("/console/sagas").param("status", "COMPLETED").session(operator)))
        .doesNotContain("href=\"/console/sagas/order-console-1\"");
  }

  @Test
  void givenASearchForWhatNoSagaCanBe_thePageNamesTheField() throws Exception {
    MockHttpSession operator = login("operator");
    MockHttpServletResponse status =
        mvc.perform(get("/console/sagas").param("status", "ALMOST_DONE").session(operator))
            .andReturn()
            .getResponse();
    assertThat(status.getStatus()).isEqualTo(400);
    assertThat(status.getContentAsString()).contains("role=\"alert\"", "status: not a saga status");

    MockHttpServletResponse flow =
        mvc.perform(get("/console/sagas").param("flow", "x' OR 1=1").session(operator))
            .andReturn()
            .getResponse();
    assertThat(flow.getStatus()).isEqualTo(400);
    assertThat(flow.getContentAsString()).contains("flow: not a workflow type");
  }

  @Test
  void givenAWriteOffOfACharge_anOperatorRequestsIt_andAnApproverInAnotherSessionApprovesIt()
      throws Exception {
    placeOrderWhoseRefundFails("console-2");
    MockHttpSession operator = login("operator");
    String page = "/console/sagas/order-console-2/escalations/chargeCard-1";
    awaitInbox(operator, "order-console-2", true);

    mvc.perform(
        post(page + "/decision")
            .session(operator)
            .with(csrf())
            .param("action", "ACCEPT_LOSS")
            .param("note", "chargeback returned the funds"));
    awaitSaga("console-2", s -> s.get("status").asText().equals("AWAITING_APPROVAL"));
    assertThat(awaitInbox(operator, "order-console-2", true))
        .contains("an approver (write-off requested by operator)");
    // Filters: by state and world, as the page's selects send them.
    assertThat(html(get("/console/inbox/rows?state=AWAITING_APPROVAL").session(operator)))
        .contains("data-saga=\"order-console-2\"");
    assertThat(html(get("/console/inbox/rows?state=OPEN").session(operator)))
        .doesNotContain("data-saga=\"order-console-2\"");
    assertThat(html(get("/console/inbox/rows?world=RML-2").session(operator)))
        .doesNotContain("data-saga=\"order-console-2\"");
    assertThat(html(get("/console/inbox/rows?world=RML-3&flow=order-fulfilment").session(operator)))
        .contains("data-saga=\"order-console-2\"");
    String operatorsView = html(get(page).session(operator));
    assertThat(operatorsView).doesNotContain("id=\"decision\"", "id=\"approval\"");

    MockHttpSession approver = login("approver");
    String approversView = html(get(page).session(approver));
    assertThat(approversView).contains("id=\"approval\"").doesNotContain("id=\"decision\"");
    // An approver may not decide: the server refuses it even with a valid token.
    assertThat(
            mvc.perform(
                    post(page + "/decision")
                        .session(approver)
                        .with(csrf())
                        .param("action", "RETRY"))
                .andReturn()
                .getResponse()
                .getStatus())
        .isEqualTo(403);

    MockHttpServletResponse approved =
        mvc.perform(
                post(page + "/approval").session(approver).with(csrf()).param("action", "APPROVE"))
            .andReturn()
            .getResponse();
    assertThat(approved.getStatus()).isEqualTo(302);
    awaitSaga("console-2", s -> s.get("status").asText().equals("COMPENSATED_WITH_OPERATOR"));
    assertThat(html(get(page).session(approver)))
        .contains("ACCEPT_LOSS by operator, approved by approver");
    // The ledger page: the write-off is a correction naming both people.
    assertThat(html(get("/console/ledger").session(operator)))
        .containsPattern(
            "(?s)<td>order-console-2</td>((?!</tr>).)*<td>WRITTEN_OFF</td>((?!</tr>).)*"
                + "operator, approved by approver");
  }

  @Test
  void givenAnEditor_theConsoleShowsNoDecisionForm_andAForcedPostIsRefused() throws Exception {
    MockHttpSession editor = login("editor");
    String home = html(get("/console/").session(editor));
    // Editors have the stories pages (the application's section), and nothing of the inbox.
    assertThat(home)
        .contains("Your roles open these pages", "Stories</a>")
        .doesNotContain("id=\"decision\"", "Inbox</a>");

    String page = "/console/sagas/order-console-1/escalations/chargeCard-1";
    assertThat(mvc.perform(get(page).session(editor)).andReturn().getResponse().getStatus())
        .isEqualTo(403);
    assertThat(
            mvc.perform(get("/console/inbox").session(editor))
                .andReturn()
                .getResponse()
                .getStatus())
        .isEqualTo(403);
    MockHttpServletResponse forced =
        mvc.perform(post(page + "/decision").session(editor).with(csrf()).param("action", "RETRY"))
            .andReturn()
            .getResponse();
    assertThat(forced.getStatus()).isEqualTo(403);
    assertThat(forced.getContentAsString()).contains("Not allowed");
  }

  @Test
  void givenAnUnknownSaga_thePageSays404() throws Exception {
    MockHttpSession operator = login("operator");
    MockHttpServletResponse missing =
        mvc.perform(get("/console/sagas/order-nobody-here").session(operator))
            .andReturn()
            .getResponse();
    assertThat(missing.getStatus()).isEqualTo(404);
    assertThat(missing.getContentAsString()).contains("no saga order-nobody-here");
  }

  private void placeOrderWhoseRefundFails(String id) throws Exception {
    String body =
        """
        {"orderId": "%s", "customerEmail": "ana@example.com",
         "items": [{"sku": "BOOK-1", "quantity": 2}], "cardToken": "tok_refund_blocked",
         "shippingAddress": {"name": "Ana", "line1": "9 UNDELIVERABLE Rd", "city": "Lisbon",
                             "postalCode": "1000-001", "country": "PT"},
         "currency": "EUR"}
        """
            .formatted(id);
    int status =
        mvc.perform(
                post("/orders")
                    .with(httpBasic("service", PASSWORD))
                    .contentType(MediaType.APPLICATION_JSON)
                    .content(body))
            .andReturn()
            .getResponse()
            .getStatus();
    assertThat(status).isIn(200, 201);
  }

  private void heal(String orderId) throws Exception {
    int status =
        mvc.perform(
                post("/sandbox/heal")
                    .with(httpBasic("admin", PASSWORD))
                    .contentType(MediaType.APPLICATION_JSON)
                    .content("{\"orderId\": \"" + orderId + "\", \"system\": \"payments\"}"))
            .andReturn()
            .getResponse()
            .getStatus();
    assertThat(status).isLessThan(300);
  }

  private MockHttpSession login(String user) throws Exception {
    MvcResult result = mvc.perform(formLogin("/login").user(user).password(PASSWORD)).andReturn();
    assertThat(result.getResponse().getRedirectedUrl()).isEqualTo("/console/");
    return (MockHttpSession) result.getRequest().getSession(false);
  }

  private String html(org.springframework.test.web.servlet.RequestBuilder request)
      throws Exception {
    MockHttpServletResponse response = mvc.perform(request).andReturn().getResponse();
    assertThat(response.getStatus()).as(response.getContentAsString()).isEqualTo(200);
    return response.getContentAsString();
  }

  /**
   * The inbox's rows fragment (as the page's script fetches it) until it lists the saga, or not.
   */
  private String awaitInbox(MockHttpSession session, String sagaId, boolean listed)
      throws Exception {
    // An undo escalates after its attempts and their backoff (about 15 s); a loaded machine and
    // the sagas other tests left in this shared context can double that.
    for (int i = 0; i < 600; i++) {
      String rows = html(get("/console/inbox/rows").session(session));
      if (rows.contains("data-saga=\"" + sagaId + "\"") == listed) {
        return html(get("/console/inbox").session(session));
      }
      Thread.sleep(100);
    }
    throw new AssertionError(
        sagaId + (listed ? " never appeared in" : " never left") + " the inbox");
  }

  private JsonNode saga(String orderId) throws Exception {
    return json.readTree(
        mvc.perform(get("/orders/" + orderId).with(httpBasic("service", PASSWORD)))
            .andReturn()
            .getResponse()
            .getContentAsString());
  }

  private JsonNode awaitSaga(String orderId, Predicate<JsonNode> until) throws Exception {
    JsonNode last = null;
    for (int i = 0; i < 300; i++) {
      last = saga(orderId);
      if (until.test(last)) {
        return last;
      }
      Thread.sleep(100);
    }
    throw new AssertionError("saga of " + orderId + " stayed " + last);
  }
}
