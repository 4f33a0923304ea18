package dev.cachet.engine.store;

import java.time.Instant;

/** A stored conversation (its messages are read separately). */
public record Conversation(String id, String title, Instant created, Instant updated, int messageCount) { }
