package dev.amends.app.story;

import static dev.amends.spring.security.Roles.ADMIN;
import static dev.amends.spring.security.Roles.EDITOR;

import dev.amends.saga.TextRules;
import dev.amends.spring.api.ApiException;
import dev.amends.spring.console.ConsolePage;
import dev.amends.spring.console.ConsoleSection;
import jakarta.servlet.http.HttpServletResponse;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.stream.Collectors;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.core.annotation.Order;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The console's stories pages: a story's fields and its history with each event's cause, and for
 * editors its undo and rollback. Both forms call the REST controllers' own methods ({@link
 * UndoController}, {@link StoryController}), so every check of the API applies, word for word.
 */
@Controller
@ConsolePage
@ConditionalOnBooleanProperty(name = "amends.console.enabled", matchIfMissing = true)
class StoryConsole {
  static final String PATH = "/console/stories";
  static final String UNDO = PATH + "/{storyId}/undo/{undoId}";
  static final String ROLLBACK = PATH + "/{storyId}/rollback";
  static final ConsoleSection SECTION =
      ConsoleSection.of("Stories", PATH, EDITOR, ADMIN)
          .withForm(UNDO, EDITOR, ADMIN)
          .withForm(ROLLBACK, EDITOR, ADMIN);

  private final StoryEventStore store;
  private final IssuedUndos issued;
  private final StoryAuthors authors;
  private final StoryProperties properties;
  private final UndoController undos;
  private final StoryController stories;

  StoryConsole(
      StoryEventStore store,
      IssuedUndos issued,
      StoryAuthors authors,
      StoryProperties properties,
      UndoController undos,
      StoryController stories) {
    this.store = store;
    this.issued = issued;
    this.authors = authors;
    this.properties = properties;
    this.undos = undos;
    this.stories = stories;
  }

  @Bean
  @Order(20)
  static ConsoleSection storiesSection() {
    return SECTION;
  }

  @GetMapping(PATH)
  String find(
      @RequestParam(defaultValue = "") String id, Model model, HttpServletResponse response) {
    String wanted = id.strip();
    String problem = wanted.isEmpty() ? null : TextRules.checkId("id", wanted);
    if (!wanted.isEmpty() && problem == null) {
      return "redirect:" + PATH + "/" + URLEncoder.encode(wanted, StandardCharsets.UTF_8);
    }
    if (problem != null) {
      response.setStatus(400);
    }
    model.addAttribute("id", wanted);
    model.addAttribute(
        "problem", problem == null ? null : "That is not a story id: " + problem + ".");
    model.addAttribute("recent", store.recentlyChanged(20));
    return "console/stories";
  }

  @GetMapping(PATH + "/{storyId}")
  String story(@PathVariable String storyId, Authentication who, Model model) {
    String id = StoryInput.storyId(storyId);
    List<RecordedStoryEvent> history = store.history(id);
    List<IssuedUndos.Asked> asked = issued.forStory(id);
    if (history.isEmpty() && asked.isEmpty()) {
      throw ApiException.notFound("story " + id + " has no event and no held edit");
    }
    model.addAttribute(
        "story",
        StoryPage.of(id, history, asked, authors.of(id), properties.depth(), Instant.now()));
    model.addAttribute("mayUndo", SECTION.allowsPost(who, UNDO));
    model.addAttribute("mayRollback", SECTION.allowsPost(who, ROLLBACK));
    // One request id per rendering: a form sent twice rolls back once.
    model.addAttribute("requestId", UUID.randomUUID().toString());
    return "console/story";
  }

  @PostMapping(UNDO)
  String undo(
      @PathVariable String storyId,
      @PathVariable String undoId,
      Authentication who,
      Model model,
      HttpServletResponse response,
      RedirectAttributes flash) {
    StoryUndos.Undone done;
    try {
      done = undos.undo(undoId, who);
    } catch (ApiException refused) {
      return refused(refused, storyId, who, model, response);
    }
    flash.addFlashAttribute(
        "sent",
        done.outcome() == UndoStatus.DISCARDED
            ? "The edit was discarded before it committed: the story never changed."
            : "The edit was undone: "
                + names(done.restored())
                + " restored at revision "
                + done.revision()
                + (done.partial()
                    ? "; " + names(done.kept()) + " kept, as it was changed again since."
                    : "."));
    return "redirect:" + PATH + "/" + URLEncoder.encode(done.storyId(), StandardCharsets.UTF_8);
  }

  @PostMapping(ROLLBACK)
  String rollback(
      @PathVariable String storyId,
      @RequestParam(required = false) Long targetRevision,
      @RequestParam(required = false) Long expectedRevision,
      @RequestParam(required = false) String requestId,
      Authentication who,
      Model model,
      HttpServletResponse response,
      RedirectAttributes flash) {
    StoryViews.RolledBack done;
    try {
      done =
          stories.rollback(
              storyId,
              new StoryController.RollbackBody(
                  targetRevision,
                  expectedRevision,
                  requestId == null || requestId.isBlank() ? null : requestId),
              who);
    } catch (ApiException refused) {
      return refused(refused, storyId, who, model, response);
    }
    flash.addFlashAttribute(
        "sent",
        "Rolled back to revision "
            + done.targetRevision()
            + ": revisions "
            + (done.fromRevision() + 1)
            + " to "
            + done.revision()
            + " were appended; history is kept.");
    return "redirect:" + PATH + "/" + URLEncoder.encode(done.storyId(), StandardCharsets.UTF_8);
  }

  /** The API's refusal, on the story's page with the API's status: 409, 410, 400, ... */
  private String refused(
      ApiException refused,
      String storyId,
      Authentication who,
      Model model,
      HttpServletResponse response) {
    response.setStatus(refused.status().value());
    model.addAttribute("formProblem", refused.getMessage());
    return story(storyId, who, model);
  }

  private static String names(List<StoryField> fields) {
    return fields.stream()
        .map(f -> f.name().toLowerCase(Locale.ROOT))
        .collect(Collectors.joining(", "));
  }
}
