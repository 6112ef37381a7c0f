package dev.amends.app.story;

import dev.amends.activities.temporal.WorkflowNotFound;
import dev.amends.app.TaskQueues;
import dev.amends.spring.api.ApiException;
import io.temporal.api.enums.v1.WorkflowIdConflictPolicy;
import io.temporal.client.UpdateOptions;
import io.temporal.client.WithStartWorkflowOperation;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowException;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowUpdateException;
import io.temporal.client.WorkflowUpdateStage;
import io.temporal.failure.ApplicationFailure;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;

/**
 * Talks to each story's writer workflow. Edits and rollbacks use update-with-start, so the first
 * one starts the writer; an undo only asks a running writer (one that has completed has nothing
 * left to undo).
 */
@Service
public class StoryWriters {
  private final WorkflowClient client;
  private final StoryProperties properties;

  public StoryWriters(WorkflowClient client, StoryProperties properties) {
    this.client = client;
    this.properties = properties;
  }

  public EditReceipt edit(EditRequest request) {
    return refusalsAsApiErrors(
        () ->
            withStart(
                () -> {
                  StoryWorkflow writer = startingWriter(request.storyId());
                  return WorkflowClient.executeUpdateWithStart(
                      writer::submitEdit,
                      request,
                      UpdateOptions.<EditReceipt>newBuilder()
                          // A retried call with the same undo id is the same edit.
                          .setUpdateId("edit-" + request.undoId())
                          .setWaitForStage(WorkflowUpdateStage.COMPLETED)
                          .build(),
                      new WithStartWorkflowOperation<>(writer::run, input(request.storyId())));
                }));
  }

  public RollbackResult rollback(RollbackRequest request) {
    return refusalsAsApiErrors(
        () ->
            withStart(
                () -> {
                  StoryWorkflow writer = startingWriter(request.storyId());
                  return WorkflowClient.executeUpdateWithStart(
                      writer::rollback,
                      request,
                      UpdateOptions.<RollbackResult>newBuilder()
                          .setWaitForStage(WorkflowUpdateStage.COMPLETED)
                          .build(),
                      new WithStartWorkflowOperation<>(writer::run, input(request.storyId())));
                }));
  }

  /** The running writer's answer; empty when the story has no running writer. */
  public Optional<UndoAnswer> undo(UndoRequest request) {
    StoryWorkflow writer =
        client.newWorkflowStub(StoryWorkflow.class, StoryWorkflow.workflowId(request.storyId()));
    try {
      return Optional.of(refusalsAsApiErrors(() -> writer.undo(request)));
    } catch (WorkflowException e) {
      if (WorkflowNotFound.is(e)) {
        return Optional.empty();
      }
      throw e;
    }
  }

  /**
   * A writer that completes while an update waits to be delivered to it aborts that update as
   * "workflow completed". Such an update was never applied (an applied edit or rollback keeps the
   * writer running until it is answered), so it is sent again, and this time starts a new writer.
   */
  private static <R> R withStart(Supplier<R> updateWithStart) {
    for (int attempt = 1; ; attempt++) {
      try {
        return updateWithStart.get();
      } catch (WorkflowException e) {
        if (attempt >= 3 || !WorkflowNotFound.is(e)) {
          throw e;
        }
      }
    }
  }

  private StoryWorkflow startingWriter(String storyId) {
    return client.newWorkflowStub(
        StoryWorkflow.class,
        WorkflowOptions.newBuilder()
            .setWorkflowId(StoryWorkflow.workflowId(storyId))
            .setTaskQueue(TaskQueues.AMENDS)
            // Required by update-with-start: join the running writer, or start one.
            .setWorkflowIdConflictPolicy(
                WorkflowIdConflictPolicy.WORKFLOW_ID_CONFLICT_POLICY_USE_EXISTING)
            .build());
  }

  private StoryWorkflowInput input(String storyId) {
    return StoryWorkflowInput.start(storyId, properties.settings());
  }

  /** An update the writer refused, as the API's answer to it. */
  private static <R> R refusalsAsApiErrors(Supplier<R> call) {
    try {
      return call.get();
    } catch (WorkflowUpdateException e) {
      if (e.getCause() instanceof ApplicationFailure refusal) {
        throw asApiError(refusal);
      }
      throw e;
    }
  }

  private static ApiException asApiError(ApplicationFailure refusal) {
    String message = refusal.getOriginalMessage();
    StoryFailure type;
    try {
      type = StoryFailure.valueOf(refusal.getType());
    } catch (IllegalArgumentException | NullPointerException notOurs) {
      return new ApiException(HttpStatus.INTERNAL_SERVER_ERROR, "Story writer failed", message);
    }
    return switch (type) {
      case STORY_NOT_FOUND -> ApiException.notFound(message);
      case STALE_REVISION ->
          new ApiException(
              HttpStatus.CONFLICT,
              "Stale revision",
              message,
              "expectedRevision",
              Map.of("currentRevision", refusal.getDetails().get(Long.class)));
      case TARGET_OUT_OF_RANGE -> ApiException.badField("targetRevision", message);
      case INVALID_REQUEST -> new ApiException(HttpStatus.BAD_REQUEST, "Invalid request", message);
      case STORE_UNAVAILABLE ->
          new ApiException(HttpStatus.SERVICE_UNAVAILABLE, "Store unavailable", message);
    };
  }
}
