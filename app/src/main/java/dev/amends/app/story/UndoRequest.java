package dev.amends.app.story;

public record UndoRequest(String storyId, String undoId) {}
