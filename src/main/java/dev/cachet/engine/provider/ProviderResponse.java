package dev.cachet.engine.provider;

import dev.cachet.engine.chat.FinishReason;
import dev.cachet.engine.chat.Usage;

import java.util.Map;

/**
 * A complete answer from a provider.
 *
 * @param thinking what a thinking model reasoned before answering ("" when nothing): shown beside the
 *                 answer, never part of it
 * @param details  facts for the trace: the stop reason as the server sent it, whether usage is estimated,
 *                 model load time, parameters adapted to the model
 */
public record ProviderResponse(String text, Usage usage, FinishReason finish, String thinking, Map<String, String> details) {

    public ProviderResponse {
        thinking = thinking == null ? "" : thinking;
        details = details == null ? Map.of() : Map.copyOf(details);
    }

    public ProviderResponse(String text, Usage usage, FinishReason finish) { this(text, usage, finish, "", Map.of()); }
}
