package dev.amends.app.story;

import dev.amends.saga.metrics.MetricNames;
import io.micrometer.core.instrument.Metrics;
import java.net.URI;
import java.util.List;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/stories/{storyId}")
class StoryController {
  private final Stories stories;

  StoryController(Stories stories) {
    this.stories = stories;
  }

  /** The body of POST /stories/{id}/edits: one field's new value (null clears it). */
  record EditBody(String field, String value) {}

  /** The body of POST /stories/{id}/rollback. */
  record RollbackBody(Long targetRevision, Long expectedRevision, String requestId) {}

  /** 202: the edit is held for the undo window; the receipt says when it commits. */
  @PostMapping("/edits")
  ResponseEntity<StoryViews.Accepted> edit(
      @PathVariable String storyId, @RequestBody EditBody body, Authentication who) {
    String id = StoryInput.storyId(storyId);
    EditReceipt receipt =
        stories.edit(
            id, StoryInput.field(body.field()), StoryInput.value(body.value()), who.getName());
    Metrics.counter(MetricNames.STORY_EDITS).increment();
    return ResponseEntity.accepted()
        .location(URI.create("/undo/" + receipt.undoId()))
        .body(StoryViews.Accepted.of(receipt));
  }

  @PostMapping("/rollback")
  StoryViews.RolledBack rollback(
      @PathVariable String storyId, @RequestBody RollbackBody body, Authentication who) {
    String id = StoryInput.storyId(storyId);
    long target = StoryInput.revision("targetRevision", body.targetRevision());
    long expected = StoryInput.revision("expectedRevision", body.expectedRevision());
    String requestId = StoryInput.requestId(body.requestId());
    StoryViews.RolledBack rolledBack =
        StoryViews.RolledBack.of(stories.rollback(id, requestId, target, expected, who.getName()));
    Metrics.counter(MetricNames.STORY_ROLLBACKS).increment();
    return rolledBack;
  }

  @GetMapping
  StoryViews.State get(@PathVariable String storyId) {
    return StoryViews.State.of(stories.current(StoryInput.storyId(storyId)));
  }

  @GetMapping("/history")
  StoryViews.History history(@PathVariable String storyId) {
    List<RecordedStoryEvent> events = stories.history(StoryInput.storyId(storyId));
    return new StoryViews.History(
        storyId,
        events.get(events.size() - 1).event().revision(),
        events.stream().map(StoryViews.Event::of).toList());
  }
}
