package dev.amends.app.story;

import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
class UndoController {
  private final StoryUndos undos;

  UndoController(StoryUndos undos) {
    this.undos = undos;
  }

  /**
   * 200 DISCARDED inside the window, 200 UNDONE after commit; 409 when every changed field was
   * changed again since, 410 after the TTL or beyond the undo depth, 404 for an unknown id.
   */
  @PostMapping("/undo/{undoId}")
  StoryUndos.Undone undo(@PathVariable String undoId, Authentication who) {
    return undos.undo(StoryInput.undoId(undoId), who.getName());
  }
}
