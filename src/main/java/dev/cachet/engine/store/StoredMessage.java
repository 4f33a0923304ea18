package dev.cachet.engine.store;

import dev.cachet.engine.chat.ChatMessage;

import java.time.Instant;

/**
 * One message of a stored conversation.
 *
 * @param seq   0, 1, 2, ... within the conversation
 * @param facts for assistant turns recorded from a pipeline answer; null otherwise
 */
public record StoredMessage(int seq, ChatMessage message, Instant created, AnswerFacts facts) { }
