package dev.amends.app.story;

import dev.amends.app.story.StoryWrites.CommitEdit;
import dev.amends.app.story.StoryWrites.CommittedEdit;
import dev.amends.app.story.StoryWrites.UndoEdit;
import dev.amends.app.story.StoryWrites.UndoneEdit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The story's event store in memory, deciding every write as the JDBC store does. */
public class InMemoryStoryActivities implements StoryActivities {
  private final Map<String, List<KeyedEvent>> streams = new HashMap<>();
  private final List<String> calls = new ArrayList<>();

  @Override
  public synchronized CommittedEdit commitEdit(CommitEdit request) {
    calls.add("commitEdit:" + request.undoId());
    return apply(request.storyId(), StoryAppends.commit(stream(request.storyId()), request));
  }

  @Override
  public synchronized UndoneEdit undoEdit(UndoEdit request) {
    calls.add("undoEdit:" + request.undoId());
    return apply(request.storyId(), StoryAppends.undo(stream(request.storyId()), request));
  }

  @Override
  public synchronized RollbackResult rollback(RollbackRequest request) {
    calls.add("rollback:" + request.requestId());
    return apply(request.storyId(), StoryAppends.rollback(stream(request.storyId()), request));
  }

  public synchronized List<StoryEvent> events(String storyId) {
    return stream(storyId).stream().map(KeyedEvent::event).toList();
  }

  public synchronized Story story(String storyId) {
    return Story.fold(storyId, events(storyId), Long.MAX_VALUE);
  }

  public synchronized List<String> calls() {
    return List.copyOf(calls);
  }

  private List<KeyedEvent> stream(String storyId) {
    return List.copyOf(streams.getOrDefault(storyId, List.of()));
  }

  private <R> R apply(String storyId, StoryAppends.Plan<R> plan) {
    streams.computeIfAbsent(storyId, id -> new ArrayList<>()).addAll(plan.append());
    return plan.result();
  }
}
