package dev.amends.app.replay;

import dev.amends.app.story.StoryWorkflowImpl;
import dev.amends.app.story.StoryWorkflowInput;
import dev.amends.app.story.UndoAnswer;
import dev.amends.app.story.UndoRequest;
import dev.amends.app.story.UndoStatus;
import io.temporal.workflow.WorkflowInit;
import java.util.List;

/**
 * A careless edit of the story writer: it "undoes" a committed edit by answering DISCARDED, without
 * the compensating change. Replay must refuse it.
 */
public class DiscardingStoryWorkflowImpl extends StoryWorkflowImpl {

  @WorkflowInit
  public DiscardingStoryWorkflowImpl(StoryWorkflowInput input) {
    super(input);
  }

  @Override
  public UndoAnswer undo(UndoRequest request) {
    return new UndoAnswer(request.undoId(), UndoStatus.DISCARDED, List.of(), List.of(), 0, 0);
  }
}
