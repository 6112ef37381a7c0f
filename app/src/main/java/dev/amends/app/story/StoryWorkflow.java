package dev.amends.app.story;

import io.temporal.workflow.QueryMethod;
import io.temporal.workflow.UpdateMethod;
import io.temporal.workflow.UpdateValidatorMethod;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;
import java.util.List;

/**
 * The single writer of one Story (seeds 002 and 004). Edits are held for the undo window and
 * committed when it ends; undos and rollbacks are answered as Temporal Updates, so they are
 * serialized with the commits of held edits. Start it with update-with-start: the first edit (or
 * rollback) of a story whose writer is not running starts it; it completes once no edit is held and
 * no undo id it issued is within its TTL.
 */
@WorkflowInterface
public interface StoryWorkflow {

  static String workflowId(String storyId) {
    return "story-" + storyId;
  }

  @WorkflowMethod
  void run(StoryWorkflowInput input);

  /** Holds the edit for the window and answers at once with its receipt. */
  @UpdateMethod
  EditReceipt submitEdit(EditRequest request);

  @UpdateValidatorMethod(updateName = "submitEdit")
  void validateSubmitEdit(EditRequest request);

  /**
   * Inside the window, discards the held edit; after its commit and within the TTL, appends the
   * compensating change. A repeated undo of the same id gets the first answer.
   */
  @UpdateMethod
  UndoAnswer undo(UndoRequest request);

  @UpdateValidatorMethod(updateName = "undo")
  void validateUndo(UndoRequest request);

  /**
   * Rolls the story back to a revision. Fails with an ApplicationFailure typed by {@link
   * StoryFailure} when the story is unknown, the expected revision stale or the target out of
   * range.
   */
  @UpdateMethod
  RollbackResult rollback(RollbackRequest request);

  @UpdateValidatorMethod(updateName = "rollback")
  void validateRollback(RollbackRequest request);

  /** The edits the writer still answers for, held ones included. */
  @QueryMethod
  List<EditTicket> tickets();
}
