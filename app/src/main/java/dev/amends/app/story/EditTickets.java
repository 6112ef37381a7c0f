package dev.amends.app.story;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The edits a story's writer still answers for, in the order they were posted: those held in their
 * window, and those whose undo id is still within its TTL. The undo stack is the newest {@code
 * depth} of them not yet undone; a newer edit pushes the oldest out, even one still held (it then
 * still commits, but can no longer be undone). Plain state: time is passed in.
 */
final class EditTickets {
  private final int depth;
  private final Map<String, EditTicket> byUndoId = new LinkedHashMap<>();

  EditTickets(int depth, List<EditTicket> carried) {
    this.depth = depth;
    if (carried != null) {
      carried.forEach(this::put);
    }
  }

  /** Holds a new edit, or returns the ticket of the same undo id held before. */
  EditTicket hold(EditRequest request, long now, StorySettings settings) {
    EditTicket known = byUndoId.get(request.undoId());
    if (known != null) {
      return known;
    }
    List<EditTicket> stacked = all().stream().filter(EditTicket::inUndoStack).toList();
    for (int i = 0; i <= stacked.size() - depth; i++) {
      put(stacked.get(i).outOfUndoStack());
    }
    EditTicket ticket = EditTicket.held(request, now, settings);
    put(ticket);
    return ticket;
  }

  Optional<EditTicket> find(String undoId) {
    return Optional.ofNullable(byUndoId.get(undoId));
  }

  void put(EditTicket ticket) {
    byUndoId.put(ticket.undoId(), ticket);
  }

  /** Held edits whose window has ended, oldest first: they commit in the order they were posted. */
  List<EditTicket> dueForCommit(long now) {
    return all().stream()
        .filter(t -> t.stage() == EditTicket.Stage.HELD && t.commitsAtMillis() <= now)
        .toList();
  }

  /** Forgets committed and discarded edits whose TTL has passed: nothing can be asked of them. */
  void forgetPast(long now) {
    byUndoId.values().removeIf(t -> !t.uncommitted() && t.undoableUntilMillis() <= now);
  }

  /** When the next held edit commits, or the next TTL ends; empty tickets have no deadline. */
  long nextDeadline() {
    long next = Long.MAX_VALUE;
    for (EditTicket t : byUndoId.values()) {
      next = Math.min(next, t.uncommitted() ? t.commitsAtMillis() : t.undoableUntilMillis());
    }
    return next;
  }

  List<String> heldUndoIds() {
    return all().stream().filter(EditTicket::uncommitted).map(EditTicket::undoId).toList();
  }

  boolean isEmpty() {
    return byUndoId.isEmpty();
  }

  List<EditTicket> all() {
    return new ArrayList<>(byUndoId.values());
  }
}
