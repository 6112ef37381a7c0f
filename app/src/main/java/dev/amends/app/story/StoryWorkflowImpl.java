package dev.amends.app.story;

import dev.amends.app.story.StoryWrites.CommitEdit;
import dev.amends.app.story.StoryWrites.CommittedEdit;
import dev.amends.app.story.StoryWrites.UndoEdit;
import dev.amends.app.story.StoryWrites.UndoneEdit;
import dev.amends.saga.TextRules;
import io.temporal.activity.ActivityOptions;
import io.temporal.common.RetryOptions;
import io.temporal.failure.ActivityFailure;
import io.temporal.failure.ApplicationFailure;
import io.temporal.workflow.Workflow;
import io.temporal.workflow.WorkflowInit;
import io.temporal.workflow.WorkflowLock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Holds each edit in workflow state for its window (RML-1: nothing has left the room, so undo is a
 * discard), commits it when a durable timer says the window ended (RML-2 from then on: others may
 * see it, so undo is a compensating change), and answers undos and rollbacks. Every write to the
 * event store goes through one lock, so commits, undos and rollbacks never interleave.
 */
public class StoryWorkflowImpl implements StoryWorkflow {

  /** A held edit must not be lost: its commit retries until the store takes it. */
  static final ActivityOptions COMMIT_OPTIONS =
      ActivityOptions.newBuilder()
          .setStartToCloseTimeout(Duration.ofSeconds(10))
          .setRetryOptions(
              RetryOptions.newBuilder()
                  .setInitialInterval(Duration.ofSeconds(1))
                  .setMaximumInterval(Duration.ofSeconds(30))
                  .build())
          .build();

  /** Undos and rollbacks answer a waiting caller: a few attempts, then a failure it can retry. */
  static final ActivityOptions ANSWER_OPTIONS =
      ActivityOptions.newBuilder()
          .setStartToCloseTimeout(Duration.ofSeconds(10))
          .setRetryOptions(
              RetryOptions.newBuilder()
                  .setInitialInterval(Duration.ofMillis(500))
                  .setMaximumAttempts(3)
                  .build())
          .build();

  private final String storyId;
  private final StorySettings settings;
  private final EditTickets tickets;
  private final StoryActivities commits;
  private final StoryActivities answers;
  private final WorkflowLock writer;

  /** Bumped by every handler that changes the tickets, so the main loop recomputes its timer. */
  private long changes;

  @WorkflowInit
  public StoryWorkflowImpl(StoryWorkflowInput input) {
    storyId = input.storyId();
    settings = StorySettings.orDefaults(input.settings());
    tickets = new EditTickets(settings.depth(), input.tickets());
    commits = Workflow.newActivityStub(StoryActivities.class, COMMIT_OPTIONS);
    answers = Workflow.newActivityStub(StoryActivities.class, ANSWER_OPTIONS);
    writer = Workflow.newWorkflowLock();
  }

  @Override
  public void run(StoryWorkflowInput input) {
    while (true) {
      commitDueEdits();
      tickets.forgetPast(now());
      if (tickets.isEmpty()) {
        // An update accepted meanwhile finishes first; it may have held a new edit.
        Workflow.await(Workflow::isEveryHandlerFinished);
        if (tickets.isEmpty()) {
          return;
        }
        continue;
      }
      if (historyTooLong()) {
        Workflow.await(Workflow::isEveryHandlerFinished);
        Workflow.continueAsNew(new StoryWorkflowInput(storyId, settings, tickets.all()));
      }
      long seen = changes;
      long wait = Math.max(1, tickets.nextDeadline() - now());
      Workflow.await(Duration.ofMillis(wait), () -> changes != seen);
    }
  }

  @Override
  public EditReceipt submitEdit(EditRequest request) {
    EditTicket ticket = tickets.hold(request, now(), settings);
    changes++;
    return ticket.receipt(storyId);
  }

  @Override
  public void validateSubmitEdit(EditRequest request) {
    requireThisStory(request.storyId());
    requireId("undoId", request.undoId());
    if (request.field() == null) {
      throw invalid("field is required");
    }
    String problem = TextRules.checkStoryValue("value", request.value());
    if (problem != null) {
      throw invalid(problem);
    }
  }

  @Override
  public UndoAnswer undo(UndoRequest request) {
    Optional<EditTicket> found = tickets.find(request.undoId());
    if (found.isEmpty()) {
      return UndoAnswer.unknown(request.undoId());
    }
    EditTicket ticket = found.get();
    if (ticket.answer() != null) {
      return ticket.answer();
    }
    if (now() >= ticket.undoableUntilMillis()) {
      return remember(ticket, UndoAnswer.of(ticket, UndoStatus.EXPIRED));
    }
    if (!ticket.inUndoStack()) {
      return remember(ticket, UndoAnswer.of(ticket, UndoStatus.BEYOND_UNDO_DEPTH));
    }
    if (ticket.stage() == EditTicket.Stage.HELD) {
      // RML-1: the edit never left the workflow, so dropping it is the whole undo.
      UndoAnswer discarded = UndoAnswer.of(ticket, UndoStatus.DISCARDED);
      tickets.put(ticket.discarded(discarded));
      changes++;
      return discarded;
    }
    return compensate(request.undoId());
  }

  @Override
  public void validateUndo(UndoRequest request) {
    requireThisStory(request.storyId());
    requireId("undoId", request.undoId());
  }

  @Override
  public RollbackResult rollback(RollbackRequest request) {
    writer.lock();
    try {
      return answers.rollback(request).withStillHeld(tickets.heldUndoIds());
    } catch (ActivityFailure failure) {
      throw refusal(failure);
    } finally {
      writer.unlock();
    }
  }

  @Override
  public void validateRollback(RollbackRequest request) {
    requireThisStory(request.storyId());
    requireId("requestId", request.requestId());
    if (request.targetRevision() < 0) {
      throw invalid("targetRevision must not be negative");
    }
    if (request.expectedRevision() < 0) {
      throw invalid("expectedRevision must not be negative");
    }
  }

  @Override
  public List<EditTicket> tickets() {
    return tickets.all();
  }

  /** RML-2: the edit was committed (or is committing); others may have seen it. */
  private UndoAnswer compensate(String undoId) {
    // Waiting for the writer also waits out a commit of this very edit that is under way.
    writer.lock();
    try {
      Optional<EditTicket> found = tickets.find(undoId);
      if (found.isEmpty()) {
        return UndoAnswer.unknown(undoId);
      }
      EditTicket ticket = found.get();
      if (ticket.answer() != null) {
        return ticket.answer(); // A repeated undo that waited for the first one.
      }
      if (!ticket.inUndoStack()) {
        // A newer edit pushed it out while this undo waited for the writer.
        return remember(ticket, UndoAnswer.of(ticket, UndoStatus.BEYOND_UNDO_DEPTH));
      }
      CommittedEdit edit = ticket.committed();
      UndoneEdit undone;
      try {
        undone = answers.undoEdit(new UndoEdit(storyId, undoId, edit.before(), edit.after()));
      } catch (ActivityFailure failure) {
        throw refusal(failure);
      }
      UndoStatus status =
          undone.restored().isEmpty() && !undone.kept().isEmpty()
              ? UndoStatus.NOTHING_UNDONE
              : UndoStatus.UNDONE;
      return remember(
          ticket,
          new UndoAnswer(
              undoId,
              status,
              undone.restored(),
              undone.kept(),
              undone.revision(),
              ticket.undoableUntilMillis()));
    } finally {
      writer.unlock();
    }
  }

  private UndoAnswer remember(EditTicket ticket, UndoAnswer answer) {
    tickets.put(ticket.answered(answer));
    changes++;
    return answer;
  }

  private void commitDueEdits() {
    for (EditTicket due : tickets.dueForCommit(now())) {
      writer.lock();
      try {
        Optional<EditTicket> current = tickets.find(due.undoId());
        if (current.isEmpty() || current.get().stage() != EditTicket.Stage.HELD) {
          continue; // Discarded while the writer was busy.
        }
        EditTicket ticket = current.get();
        tickets.put(ticket.committing());
        CommittedEdit committed =
            commits.commitEdit(
                new CommitEdit(storyId, ticket.undoId(), ticket.field(), ticket.value()));
        tickets.put(tickets.find(due.undoId()).orElseThrow().committedAs(committed));
      } finally {
        writer.unlock();
      }
    }
  }

  private boolean historyTooLong() {
    return Workflow.getInfo().isContinueAsNewSuggested()
        || Workflow.getInfo().getHistoryLength() > settings.historyLimit();
  }

  private static long now() {
    return Workflow.currentTimeMillis();
  }

  /** An update's failure the caller can read: the activity's own type and message. */
  private static ApplicationFailure refusal(ActivityFailure failure) {
    if (failure.getCause() instanceof ApplicationFailure app) {
      return ApplicationFailure.newBuilder()
          .setMessage(app.getOriginalMessage())
          .setType(app.getType())
          .setDetails(app.getDetails())
          .setNonRetryable(true)
          .build();
    }
    return ApplicationFailure.newNonRetryableFailureWithCause(
        "the story's event store did not answer", StoryFailure.STORE_UNAVAILABLE.name(), failure);
  }

  private void requireThisStory(String requested) {
    if (!storyId.equals(requested)) {
      throw invalid("this writer holds story " + storyId + ", not " + requested);
    }
  }

  private static void requireId(String name, String value) {
    if (value == null || value.isBlank() || value.length() > 100) {
      throw invalid(name + " is required (at most 100 characters)");
    }
  }

  private static ApplicationFailure invalid(String message) {
    return ApplicationFailure.newNonRetryableFailure(message, StoryFailure.INVALID_REQUEST.name());
  }
}
