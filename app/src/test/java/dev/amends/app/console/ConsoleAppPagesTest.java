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
import java.util.Map;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.RequestBuilder;

/**
 * The application's own console pages, added through the starter's console sections: the ledger and
 * reconciler page and the stories pages, what each role sees and may post, and the runs,
 * verifications, undos and rollbacks done through them (test profile: story window 2 s, TTL 3 s).
 */
@SpringBootTest
@AutoConfigureMockMvc
@ActiveProfiles("test")
class ConsoleAppPagesTest {
  private static final String PASSWORD = ApiClient.DEMO_PASSWORD;
  private static final String RECONCILER = "/console/reconciler";

  @Autowired MockMvc mvc;
  @Autowired JdbcClient jdbc;
  final ObjectMapper json = new ObjectMapper();

  // --- ledger and reconciler --------------------------------------------------------------

  @Test
  void givenAnOperator_theReconcilerPageOffersARun_butNoVerification_andRefusesAForcedOne()
      throws Exception {
    MockHttpSession operator = login("operator");
    String page = html(get(RECONCILER).session(operator));
    assertThat(page)
        .contains("<h1>Ledger and reconciler</h1>", "The ledger's chain")
        .contains("Recent reconciler runs", "The newest ledger entries")
        .contains("<button type=\"submit\">Start a reconciler run</button>", "name=\"_csrf\"")
        .contains("href=\"/console/reconciler\" aria-current=\"page\">Reconciler</a>")
        .doesNotContain("Verify the chain now", "href=\"/console/stories\"");

    assertThat(status(post(RECONCILER + "/verifications").session(operator).with(csrf())))
        .isEqualTo(403);
    assertThat(status(post(RECONCILER + "/runs").session(operator)))
        .as("no CSRF token")
        .isEqualTo(403);
  }

  @Test
  void givenAnOperator_aRunStartedFromTheConsole_isListedWithItsChainCheckOnceFinished()
      throws Exception {
    MockHttpSession operator = login("operator");
    MvcResult started =
        mvc.perform(post(RECONCILER + "/runs").session(operator).with(csrf())).andReturn();
    assertThat(started.getResponse().getRedirectedUrl()).isEqualTo(RECONCILER);
    String sent = (String) started.getFlashMap().get("sent");
    String runId = sent.split(" ")[2];
    assertThat(runId).startsWith("amends-reconciler-console-");

    String listed = null;
    for (int i = 0; i < 300 && listed == null; i++) {
      String page = html(get(RECONCILER).session(operator));
      listed = page.contains("data-run=\"" + runId + "\"") ? page : null;
      Thread.sleep(100);
    }
    assertThat(listed).as("run " + runId + " listed on the page").isNotNull();
    String row = listed.substring(listed.indexOf("data-run=\"" + runId + "\""));
    row = row.substring(0, row.indexOf("</tr>"));
    assertThat(row).containsAnyOf("DONE", "CHAIN_BROKEN").contains("<time");
  }

  @Test
  void givenAnAdmin_aVerificationFromTheConsole_isRecordedWithTheAdminsName() throws Exception {
    MockHttpSession admin = login("admin");
    assertThat(html(get(RECONCILER).session(admin))).contains("Verify the chain now");

    MvcResult verified =
        mvc.perform(post(RECONCILER + "/verifications").session(admin).with(csrf())).andReturn();
    assertThat(verified.getResponse().getRedirectedUrl()).isEqualTo(RECONCILER);
    // Intact or not depends on what other tests did to the shared ledger; recorded either way.
    assertThat(verified.getFlashMap().keySet()).containsAnyOf("sent", "alarm");
    assertThat(
            jdbc.sql(
                    "SELECT verified_by FROM ledger_verification ORDER BY verified_at DESC LIMIT 1")
                .query(String.class)
                .single())
        .isEqualTo("admin");
    assertThat(html(get(RECONCILER).session(admin))).contains("by admin (from the console)");
  }

  // --- stories ----------------------------------------------------------------------------

  @Test
  void givenAnEditor_anUndoFromTheConsole_restoresTheField_andTheHistorySaysWhoAndWhy()
      throws Exception {
    edit("cp-1", "title", "First");
    awaitStory("cp-1", s -> s.at("/fields/TITLE").asText().equals("First"));
    edit("cp-1", "title", "Second");
    awaitStory("cp-1", s -> s.at("/fields/TITLE").asText().equals("Second"));

    MockHttpSession editor = login("editor");
    String page = html(get("/console/stories/cp-1").session(editor));
    assertThat(page)
        .contains("href=\"/console/stories\" aria-current=\"page\">Stories</a>")
        .doesNotContain("href=\"/console/reconciler\"")
        .contains("<dd>Second</dd>", "Undo the edit of revision 2", "Roll back to revision 1")
        .contains("<th scope=\"col\">Caused by</th>")
        .contains("<span>edit</span>", "<td>editor</td>");
    // Only the newest edit can be undone (depth 1): the first one offers none.
    assertThat(page).doesNotContain("Undo the edit of revision 1");
    String undo = formAction(page, "/console/stories/cp-1/undo/");

    MockHttpServletResponse noToken =
        mvc.perform(post(undo).session(editor)).andReturn().getResponse();
    assertThat(noToken.getStatus()).isEqualTo(403);

    MvcResult undone = mvc.perform(post(undo).session(editor).with(csrf())).andReturn();
    assertThat(undone.getResponse().getStatus())
        .as(undone.getResponse().getContentAsString())
        .isEqualTo(302);
    assertThat((String) undone.getFlashMap().get("sent")).contains("title restored");
    assertThat(story("cp-1").at("/fields/TITLE").asText()).isEqualTo("First");
    String after = html(get("/console/stories/cp-1").session(editor));
    assertThat(after).contains("<dd>First</dd>", "UNDO", "undo of edit", "<td>editor</td>");

    // The same undo again gets the first answer again, and changes nothing.
    long revision = story("cp-1").get("revision").asLong();
    assertThat(status(post(undo).session(editor).with(csrf()))).isEqualTo(302);
    assertThat(story("cp-1").get("revision").asLong()).isEqualTo(revision);
  }

  @Test
  void givenAnEditor_aRollbackFromTheConsole_appendsTheCompensatingEvents_andAStaleOneIs409()
      throws Exception {
    edit("cp-2", "title", "One");
    awaitStory("cp-2", s -> s.at("/fields/TITLE").asText().equals("One"));
    edit("cp-2", "body", "Text");
    awaitStory("cp-2", s -> s.get("revision").asLong() == 2);
    MockHttpSession editor = login("editor");

    MockHttpServletResponse stale =
        mvc.perform(
                post("/console/stories/cp-2/rollback")
                    .session(editor)
                    .with(csrf())
                    .param("targetRevision", "1")
                    .param("expectedRevision", "1"))
            .andReturn()
            .getResponse();
    assertThat(stale.getStatus()).isEqualTo(409);
    assertThat(stale.getContentAsString()).contains("role=\"alert\"", "stale");

    MvcResult rolledBack =
        mvc.perform(
                post("/console/stories/cp-2/rollback")
                    .session(editor)
                    .with(csrf())
                    .param("targetRevision", "1")
                    .param("expectedRevision", "2")
                    .param("requestId", "cp-2-back"))
            .andReturn();
    assertThat(rolledBack.getResponse().getRedirectedUrl()).isEqualTo("/console/stories/cp-2");
    JsonNode story = story("cp-2");
    assertThat(story.at("/fields/BODY").isMissingNode()).isTrue();
    assertThat(story.get("revision").asLong()).isEqualTo(4);
    assertThat(html(get("/console/stories/cp-2").session(editor)))
        .contains("ROLLBACK_MARKER", "rollback</span> <code>cp-2-back</code>");
  }

  @Test
  void givenWhatNoStoryOrRevisionCanBe_thePageSays400_namingTheField_andNothingChanges()
      throws Exception {
    edit("cp-3", "title", "Kept");
    awaitStory("cp-3", s -> s.get("revision").asLong() == 1);
    MockHttpSession editor = login("editor");

    MockHttpServletResponse notAnId =
        mvc.perform(get("/console/stories").param("id", "a b").session(editor))
            .andReturn()
            .getResponse();
    assertThat(notAnId.getStatus()).isEqualTo(400);
    assertThat(notAnId.getContentAsString())
        .contains("role=\"alert\"", "That is not a story id: id may hold only");

    MockHttpServletResponse notANumber =
        mvc.perform(
                post("/console/stories/cp-3/rollback")
                    .session(editor)
                    .with(csrf())
                    .param("targetRevision", "first")
                    .param("expectedRevision", "1"))
            .andReturn()
            .getResponse();
    assertThat(notANumber.getStatus()).isEqualTo(400);
    assertThat(notANumber.getContentType()).startsWith("text/html");
    assertThat(notANumber.getContentAsString())
        .contains("targetRevision must be a whole number", "Stories</a>");
    assertThat(story("cp-3").get("revision").asLong()).isEqualTo(1);
  }

  @Test
  void givenAnOperator_storiesAreNotShown_andAForcedUndoIsRefused() throws Exception {
    MockHttpSession operator = login("operator");
    assertThat(html(get("/console/inbox").session(operator)))
        .doesNotContain("href=\"/console/stories\"");
    assertThat(status(get("/console/stories").session(operator))).isEqualTo(403);
    assertThat(status(get("/console/stories/cp-1").session(operator))).isEqualTo(403);
    assertThat(
            status(
                post("/console/stories/cp-1/undo/00000000-0000-0000-0000-000000000000")
                    .session(operator)
                    .with(csrf())))
        .isEqualTo(403);

    MockHttpSession editor = login("editor");
    assertThat(status(get(RECONCILER).session(editor))).isEqualTo(403);
    assertThat(html(get("/console/").session(editor)))
        .contains("Your roles open these pages", "href=\"/console/stories\"")
        .doesNotContain("href=\"/console/inbox\"");
    assertThat(status(get("/console/stories/no-such-story").session(editor))).isEqualTo(404);
  }

  // --- helpers ----------------------------------------------------------------------------

  private void edit(String storyId, String field, String value) throws Exception {
    MockHttpServletResponse posted =
        mvc.perform(
                post("/stories/" + storyId + "/edits")
                    .with(httpBasic("editor", PASSWORD))
                    .contentType(MediaType.APPLICATION_JSON)
                    .content(json.writeValueAsString(Map.of("field", field, "value", value))))
            .andReturn()
            .getResponse();
    assertThat(posted.getStatus()).as(posted.getContentAsString()).isEqualTo(202);
  }

  private JsonNode story(String storyId) throws Exception {
    return json.readTree(
        mvc.perform(get("/stories/" + storyId).with(httpBasic("editor", PASSWORD)))
            .andReturn()
            .getResponse()
            .getContentAsString());
  }

  private JsonNode awaitStory(String storyId, Predicate<JsonNode> until) throws Exception {
    JsonNode last = null;
    for (int i = 0; i < 200; i++) {
      last = story(storyId);
      if (last.has("fields") && until.test(last)) {
        return last;
      }
      Thread.sleep(50);
    }
    throw new AssertionError("story " + storyId + " stayed " + last);
  }

  /** The action of the first form on the page that posts to a path starting with the prefix. */
  private static String formAction(String page, String prefix) {
    int at = page.indexOf("action=\"" + prefix);
    assertThat(at).as("a form posting to " + prefix).isNotNegative();
    int start = at + "action=\"".length();
    return page.substring(start, page.indexOf('"', start));
  }

  private MockHttpSession login(String user) throws Exception {
    MvcResult result = mvc.perform(formLogin("/login").user(user).password(PASSWORD)).andReturn();
    assertThat(result.getResponse().getRedirectedUrl()).isEqualTo("/console/");
    return (MockHttpSession) result.getRequest().getSession(false);
  }

  private int status(RequestBuilder request) throws Exception {
    return mvc.perform(request).andReturn().getResponse().getStatus();
  }

  private String html(RequestBuilder request) throws Exception {
    MockHttpServletResponse response = mvc.perform(request).andReturn().getResponse();
    assertThat(response.getStatus()).as(response.getContentAsString()).isEqualTo(200);
    return response.getContentAsString();
  }
}
