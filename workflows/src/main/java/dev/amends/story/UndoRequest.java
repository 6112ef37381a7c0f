package dev.amends.story;

public record UndoRequest(String storyId, String undoId) {}
