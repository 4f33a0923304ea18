package dev.cachet.engine.provider;

import dev.cachet.engine.chat.TokenListener;
import dev.cachet.engine.pipeline.Cancellation;

import java.util.List;

/**
 * The port to a model server (or the built-in simulator). Implementations stream tokens to the
 * listener as they arrive, abort the exchange when the cancellation fires, and report every failure
 * as a {@link ProviderException} carrying a {@link dev.cachet.engine.chat.ChatError}.
 */
public interface ChatProvider {

    /** Stable id used in config, cache keys and traces ("ollama", "openai", "anthropic", "simulator"). */
    String id();

    /** The API it speaks ("ollama", "openai", "anthropic", "simulator"): what the model catalogue's rules are keyed by. */
    default String kind() { return id(); }

    /** What the UI shows; the simulator always says "simulator". */
    String displayName();

    ProviderResponse chat(ProviderRequest request, TokenListener tokens, Cancellation cancellation)
            throws ProviderException, InterruptedException;

    /** Models the server offers (fetched where the API allows), or the configured list. */
    List<String> models() throws ProviderException;

    /** The temperature the server uses when a request omits it: part of the exact-cache key. */
    double defaultTemperature();

    /** The top_p the server uses when a request omits it. */
    default double defaultTopP() { return 1.0; }
}
