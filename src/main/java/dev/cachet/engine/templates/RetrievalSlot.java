package dev.cachet.engine.templates;

import dev.cachet.engine.chat.ChatMessage;
import dev.cachet.engine.pipeline.ContextKey;

import java.util.List;
import java.util.Map;

/**
 * A request rendered from a template that takes retrieved chunks: what the retrieve stage needs to
 * render the same template version and variant again with the chunks in its list variable.
 *
 * @param given   the variables the request gave (the chunks' variable not among them)
 * @param history the conversation's earlier turns, which go between the few-shot turns and the message
 */
public record RetrievalSlot(RenderedPrompt first, Map<String, Object> given, List<ChatMessage> history) {

    public static final ContextKey<RetrievalSlot> KEY = ContextKey.of("templates.retrievalSlot", RetrievalSlot.class);

    public RetrievalSlot {
        given = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(given));
        history = List.copyOf(history);
    }

    public String variable() { return first.template().retrieval().variable(); }
}
