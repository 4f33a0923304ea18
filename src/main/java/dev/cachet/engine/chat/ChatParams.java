package dev.cachet.engine.chat;

import java.util.List;

/**
 * Sampling and output parameters. A null field means "the provider's default"; the exact-cache key
 * resolves such nulls to the provider's real default so that omitted and explicit defaults share a key.
 *
 * @param maxTokens      null = not set by the request: the model catalogue's default (or the server's)
 *                       applies, and an answer cut at that length is not cached
 * @param tools          tool definitions, each as the JSON the provider receives
 * @param responseFormat "text", "json_object" or a JSON schema string; null for plain text
 * @param think          whether a thinking model should think first (Ollama's think); null = the model's default
 * @param seed           a sampling seed (OpenAI's and Ollama's seed; the simulator's scripted picks), or null:
 *                       experiments give every cell its own, so a run can be repeated
 */
public record ChatParams(Double temperature, Integer maxTokens, Double topP, List<String> stop,
                         List<String> tools, String responseFormat, Boolean think, Long seed) {

    public static final ChatParams DEFAULTS = new ChatParams(null, null, null, List.of(), List.of(), null, null, null);

    public ChatParams {
        stop = stop == null ? List.of() : List.copyOf(stop);
        tools = tools == null ? List.of() : List.copyOf(tools);
        if (temperature != null && (temperature < 0 || temperature > 2)) {
            throw new IllegalArgumentException("temperature must be within 0..2, was " + temperature);
        }
        if (maxTokens != null && maxTokens < 1) {
            throw new IllegalArgumentException("maxTokens must be positive, was " + maxTokens);
        }
        if (topP != null && (topP <= 0 || topP > 1)) {
            throw new IllegalArgumentException("topP must be within (0, 1], was " + topP);
        }
    }

    /** Without a seed. */
    public ChatParams(Double temperature, Integer maxTokens, Double topP, List<String> stop, List<String> tools,
                      String responseFormat, Boolean think) {
        this(temperature, maxTokens, topP, stop, tools, responseFormat, think, null);
    }

    /** Without an opinion on thinking. */
    public ChatParams(Double temperature, Integer maxTokens, Double topP, List<String> stop, List<String> tools, String responseFormat) {
        this(temperature, maxTokens, topP, stop, tools, responseFormat, null);
    }

    public ChatParams withTemperature(Double t) { return new ChatParams(t, maxTokens, topP, stop, tools, responseFormat, think, seed); }
    public ChatParams withMaxTokens(Integer m) { return new ChatParams(temperature, m, topP, stop, tools, responseFormat, think, seed); }
    public ChatParams withThink(Boolean t) { return new ChatParams(temperature, maxTokens, topP, stop, tools, responseFormat, t, seed); }
    public ChatParams withSeed(Long s) { return new ChatParams(temperature, maxTokens, topP, stop, tools, responseFormat, think, s); }
}
