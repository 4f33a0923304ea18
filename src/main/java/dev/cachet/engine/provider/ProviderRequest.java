package dev.cachet.engine.provider;

import dev.cachet.engine.chat.ChatMessage;
import dev.cachet.engine.chat.ChatParams;
import dev.cachet.engine.pipeline.ContextKey;

import java.util.List;

/**
 * A request as a provider receives it: the model is already resolved from any alias.
 *
 * @param contextWindow tokens of context a local server should allocate for this call (Ollama
 *                      {@code num_ctx}), sized by the complexity stage; null = the server's default.
 *                      Servers that size their context themselves ignore it.
 */
public record ProviderRequest(String model, List<ChatMessage> messages, ChatParams params, Integer contextWindow) {

    /** Where the complexity stage leaves the context window for the generate stage. */
    public static final ContextKey<Integer> CONTEXT_WINDOW = ContextKey.of("provider.contextWindow", Integer.class);

    /**
     * Where the complexity stage leaves the answer budget for a request that set no max tokens: the
     * provider gets it, the request keeps "none" (an answer cut there is not one the caller asked to
     * be cut, so it is not cached).
     */
    public static final ContextKey<Integer> MAX_TOKENS_BUDGET = ContextKey.of("provider.maxTokensBudget", Integer.class);

    public ProviderRequest {
        messages = List.copyOf(messages);
    }

    public ProviderRequest(String model, List<ChatMessage> messages, ChatParams params) {
        this(model, messages, params, null);
    }
}
