package dev.amends.app.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The undo window is a durable timer: amends is killed with SIGKILL while edits are held, and
 * started again. A held edit is neither lost nor committed early (nobody, not even the database,
 * sees it before its window ends), and an undo posted inside the window after the restart still
 * discards its edit. On the real Temporal dev server and PostgreSQL.
 */
class StoryUndoWindowIT {
  private static final String RUN = "uw" + System.currentTimeMillis();

  /** Long enough that a restart of amends (about 15 s here) ends inside the window. */
  private static final Duration WINDOW = Duration.ofSeconds(40);

  private static final ObjectMapper JSON = new ObjectMapper();
  // Editors edit, undo and read stories; the token outlives the test.
  private static final String EDITOR = "Bearer " + ItTokens.forUser("editor");
  private final HttpClient http = HttpClient.newHttpClient();
  private final List<AmendsProcess> started = new ArrayList<>();

  @AfterEach
  void stop() throws Exception {
    for (AmendsProcess amends : started) {
      amends.close();
    }
  }

  @Test
  void aHeldEditSurvivesASigkillWithoutCommittingEarly_andAnUndoAfterTheRestartStillDiscards()
      throws Exception {
    String kept = RUN + "-kept";
    String undone = RUN + "-undone";
    seedOldTitles(kept, undone);

    AmendsProcess amends = start("--amends.story.window=" + WINDOW.toSeconds() + "s");
    JsonNode keptEdit = edit(amends, kept, "New title");
    JsonNode undoneEdit = edit(amends, undone, "Typo titel");
    Instant keptCommitsAt = Instant.parse(keptEdit.get("commitsAt").asText());
    Instant undoneCommitsAt = Instant.parse(undoneEdit.get("commitsAt").asText());
    assertThat(title(amends, kept)).isEqualTo("Old title");

    amends.kill9();
    assertThat(storedEdits(kept)).as("while amends is down, inside the window").hasSize(1);
    amends.start();

    assertThat(Instant.now())
        .as("amends restarted inside the window (else this test cannot show it)")
        .isBefore(keptCommitsAt.minusSeconds(3));
    assertThat(title(amends, kept))
        .as("not committed early, across the restart")
        .isEqualTo("Old title");
    assertThat(storedEdits(kept)).hasSize(1);
    JsonNode discarded = post(amends, "/undo/" + undoneEdit.get("undoId").asText(), "");
    assertThat(discarded.get("outcome").asText()).isEqualTo("DISCARDED");

    Instant firstSeen = awaitTitle(amends, kept, "New title", keptCommitsAt.plusSeconds(30));
    assertThat(firstSeen)
        .as("committed when the window ended, not before")
        .isAfterOrEqualTo(keptCommitsAt);
    List<Instant> recorded = storedEdits(kept);
    assertThat(recorded).as("not lost, and committed once").hasSize(2);
    assertThat(recorded.get(1)).isAfterOrEqualTo(keptCommitsAt);

    sleepUntil(undoneCommitsAt.plusSeconds(5));
    assertThat(title(amends, undone)).isEqualTo("Old title");
    assertThat(storedEdits(undone)).as("the discarded edit never reached the database").hasSize(1);
  }

  /**
   * The old titles, through the API, with a short window; their writers finish before the crash.
   */
  private void seedOldTitles(String... stories) throws Exception {
    AmendsProcess seeding = start("--amends.story.window=1s", "--amends.story.ttl=1s");
    for (String story : stories) {
      edit(seeding, story, "Old title");
    }
    for (String story : stories) {
      awaitTitle(seeding, story, "Old title", Instant.now().plusSeconds(30));
    }
    for (String story : stories) {
      awaitWriterDone(story);
    }
    seeding.close();
  }

  private AmendsProcess start(String... args) throws Exception {
    AmendsProcess amends = new AmendsProcess(args).start();
    started.add(amends);
    return amends;
  }

  private JsonNode edit(AmendsProcess amends, String story, String title) throws Exception {
    return post(
        amends,
        "/stories/" + story + "/edits",
        "{\"field\": \"title\", \"value\": \"" + title + "\"}");
  }

  private String title(AmendsProcess amends, String story) throws Exception {
    HttpResponse<String> r =
        http.send(
            HttpRequest.newBuilder(URI.create(amends.baseUrl() + "/stories/" + story))
                .header("authorization", EDITOR)
                .build(),
            HttpResponse.BodyHandlers.ofString());
    return r.statusCode() == 200 ? JSON.readTree(r.body()).at("/fields/TITLE").asText() : null;
  }

  /** Polls the story; returns when the title was first seen. */
  private Instant awaitTitle(AmendsProcess amends, String story, String title, Instant deadline)
      throws Exception {
    String last = null;
    while (Instant.now().isBefore(deadline)) {
      last = title(amends, story);
      if (title.equals(last)) {
        return Instant.now();
      }
      Thread.sleep(200);
    }
    throw new AssertionError("story " + story + " never showed title " + title + "; last " + last);
  }

  private static void awaitWriterDone(String story) throws Exception {
    String out = "";
    for (int i = 0; i < 60; i++) {
      out = TemporalCli.run("workflow", "describe", "--workflow-id", "story-" + story);
      if (out.matches("(?is).*status\\s+completed.*")) {
        return;
      }
      Thread.sleep(500);
    }
    throw new AssertionError("the writer of " + story + " did not complete:\n" + out);
  }

  private JsonNode post(AmendsProcess amends, String path, String body) throws Exception {
    HttpResponse<String> r =
        http.send(
            HttpRequest.newBuilder(URI.create(amends.baseUrl() + path))
                .header("content-type", "application/json")
                .header("authorization", EDITOR)
                .timeout(Duration.ofSeconds(30))
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).as("POST " + path + ": " + r.body()).isBetween(200, 299);
    return JSON.readTree(r.body());
  }

  /** When each EDIT event of the story was recorded, read from PostgreSQL itself. */
  private static List<Instant> storedEdits(String story) throws Exception {
    List<Instant> recorded = new ArrayList<>();
    try (Connection db = DriverManager.getConnection(RealParts.dbUrl(), "amends", "amends");
        PreparedStatement st =
            db.prepareStatement(
                "SELECT recorded_at FROM story_event WHERE story_id = ? AND kind = 'EDIT'"
                    + " ORDER BY revision")) {
      st.setString(1, story);
      try (ResultSet rs = st.executeQuery()) {
        while (rs.next()) {
          recorded.add(rs.getTimestamp(1).toInstant());
        }
      }
    }
    return recorded;
  }

  private static void sleepUntil(Instant when) throws InterruptedException {
    long millis = Duration.between(Instant.now(), when).toMillis();
    if (millis > 0) {
      Thread.sleep(millis);
    }
  }
}
