package dev.cachet.engine.chat;

import java.util.List;
import java.util.Objects;

/**
 * One request through the pipeline.
 *
 * @param provider   provider id ("ollama", "openai", "simulator", ...); null = the configured default
 * @param model      model name or alias; null = the provider's default model
 * @param template   the template it was rendered from, or null for raw messages
 * @param sessionId  conversation id, or null for a one-off request
 * @param retrieval  the collection to answer from, or null for none
 * @param invocation a template to render before the caches (then {@code messages} holds the earlier
 *                   turns of the conversation, possibly none), or null for raw messages
 */
public record ChatRequest(String provider, String model, List<ChatMessage> messages, ChatParams params,
                          TemplateRef template, String sessionId, CacheMode cacheMode, RetrievalSpec retrieval,
                          TemplateInvocation invocation) {

    public ChatRequest {
        messages = List.copyOf(Objects.requireNonNull(messages, "messages"));
        if (messages.isEmpty() && invocation == null) throw new IllegalArgumentException("a request needs at least one message");
        params = params == null ? ChatParams.DEFAULTS : params;
        cacheMode = cacheMode == null ? CacheMode.USE : cacheMode;
    }

    /** A request of messages, with or without retrieval. */
    public ChatRequest(String provider, String model, List<ChatMessage> messages, ChatParams params,
                       TemplateRef template, String sessionId, CacheMode cacheMode, RetrievalSpec retrieval) {
        this(provider, model, messages, params, template, sessionId, cacheMode, retrieval, null);
    }

    /** A request of messages without retrieval. */
    public ChatRequest(String provider, String model, List<ChatMessage> messages, ChatParams params,
                       TemplateRef template, String sessionId, CacheMode cacheMode) {
        this(provider, model, messages, params, template, sessionId, cacheMode, null, null);
    }

    public static ChatRequest ofPrompt(String prompt) {
        return new ChatRequest(null, null, List.of(ChatMessage.user(prompt)), ChatParams.DEFAULTS, null, null, CacheMode.USE);
    }

    /** A request rendered from a template; {@code history} holds the conversation's earlier turns. */
    public static ChatRequest ofTemplate(TemplateInvocation invocation, List<ChatMessage> history, String sessionId) {
        return new ChatRequest(null, null, history, ChatParams.DEFAULTS, null, sessionId, CacheMode.USE, null, invocation);
    }

    public ChatRequest withTarget(String provider, String model) {
        return new ChatRequest(provider, model, messages, params, template, sessionId, cacheMode, retrieval, invocation);
    }

    public ChatRequest withParams(ChatParams p) {
        return new ChatRequest(provider, model, messages, p, template, sessionId, cacheMode, retrieval, invocation);
    }

    public ChatRequest withCacheMode(CacheMode mode) {
        return new ChatRequest(provider, model, messages, params, template, sessionId, mode, retrieval, invocation);
    }

    public ChatRequest withRetrieval(RetrievalSpec r) {
        return new ChatRequest(provider, model, messages, params, template, sessionId, cacheMode, r, invocation);
    }

    /** The same request with other messages (a stage adding context). */
    public ChatRequest withMessages(List<ChatMessage> m) {
        return new ChatRequest(provider, model, m, params, template, sessionId, cacheMode, retrieval, invocation);
    }

    /** This request as rendered from its template: messages, params, target and the template's id and version. */
    public ChatRequest rendered(String provider, String model, List<ChatMessage> renderedMessages, ChatParams renderedParams,
                                TemplateRef ref) {
        return new ChatRequest(provider, model, renderedMessages, renderedParams, ref, sessionId, cacheMode, retrieval, invocation);
    }

    /** The last user message: what the user typed this turn. */
    public String lastUserText() {
        for (int i = messages.size() - 1; i >= 0; i--) {
            if (messages.get(i).role() == ChatMessage.Role.USER) return messages.get(i).content();
        }
        return "";
    }
}
