package dev.cachet.engine.provider;

import dev.cachet.engine.chat.FinishReason;
import dev.cachet.engine.chat.Usage;
import dev.cachet.engine.provider.http.RateLimits;

import java.util.Map;

/**
 * A complete answer from a provider.
 *
 * @param thinking what a thinking model reasoned before answering ("" when nothing): shown beside the
 *                 answer, never part of it
 * @param details  facts for the trace: the stop reason as the server sent it, whether usage is estimated,
 *                 model load time, parameters adapted to the model
 * @param rateLimits the budgets the server's headers reported (none for servers that send none)
 */
public record ProviderResponse(String text, Usage usage, FinishReason finish, String thinking, Map<String, String> details,
                               RateLimits rateLimits) {

    public ProviderResponse {
        thinking = thinking == null ? "" : thinking;
        details = details == null ? Map.of() : Map.copyOf(details);
        rateLimits = rateLimits == null ? RateLimits.NONE : rateLimits;
    }

    public ProviderResponse(String text, Usage usage, FinishReason finish) { this(text, usage, finish, "", Map.of(), RateLimits.NONE); }
}
