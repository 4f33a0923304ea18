package dev.cachet.engine.store;

/** A conversation found by search, with where the text matched ([brackets] around the match). */
public record ConversationHit(Conversation conversation, String snippet) { }
