package dev.cachet.engine.provider;

import dev.cachet.engine.config.Environment;
import dev.cachet.engine.catalogue.ModelCatalogue;
import dev.cachet.engine.chat.FinishReason;
import dev.cachet.engine.config.ProviderConfig;
import dev.cachet.engine.provider.http.AnthropicStreamWatch;
import dev.cachet.engine.provider.http.StreamWatch;
import dev.langchain4j.http.client.HttpClientBuilder;
import dev.langchain4j.model.anthropic.AnthropicStreamingChatModel;
import dev.langchain4j.model.chat.StreamingChatModel;

import java.time.InstantSource;
import java.util.List;
import java.util.Map;

/** Anthropic's Messages API ({@code POST {baseUrl}/messages}, SSE events), through langchain4j-anthropic. */
public final class AnthropicProvider extends StreamingProvider {

    static final String API_VERSION = "2023-06-01";

    public AnthropicProvider(ProviderConfig config, Environment environment, InstantSource clock) {
        this(config, environment, clock, ModelCatalogue.builtIn());
    }

    public AnthropicProvider(ProviderConfig config, Environment environment, InstantSource clock, ModelCatalogue catalogue) {
        super(config, environment, clock, catalogue, new ChatErrorTranslator.Target("Anthropic", stripSlash(config.baseUrl()), config.apiKeyEnv(),
                "check the network and the base URL",
                "check the model name (e.g. " + catalogue.defaultModel("anthropic").orElse("claude-haiku-4-5") + ")"));
    }

    @Override public String displayName() { return "Anthropic"; }

    /** Anthropic Messages API: temperature defaults to 1.0. */
    @Override public double defaultTemperature() { return 1.0; }

    @Override protected boolean needsKey() { return true; }

    @Override
    protected StreamingChatModel model(String modelName, String apiKey, HttpClientBuilder httpClient) {
        return AnthropicStreamingChatModel.builder().httpClientBuilder(httpClient)
                .baseUrl(stripSlash(config.baseUrl()) + "/").apiKey(apiKey).version(API_VERSION).modelName(modelName)
                .build();
    }

    @Override protected StreamWatch newWatch() { return new AnthropicStreamWatch(); }

    /** {@code stop_reason} values of the Messages API; pause_turn and unknown ones are not a complete answer. */
    @Override
    protected FinishReason finish(String reason) {
        return switch (reason) {
            case "end_turn", "stop_sequence" -> FinishReason.STOP;
            case "max_tokens" -> FinishReason.LENGTH;
            case "model_context_window_exceeded" -> FinishReason.CONTEXT_WINDOW;
            case "refusal" -> FinishReason.REFUSAL;
            case "tool_use" -> FinishReason.TOOL_CALLS;
            default -> FinishReason.ERROR;
        };
    }

    /** Pages of {@code GET {baseUrl}/models} a model list follows at most: 1,000 models a page is far beyond Anthropic's catalogue. */
    private static final int MAX_PAGES = 10;

    /**
     * {@code GET {baseUrl}/models?limit=1000}, following {@code has_more} with {@code after_id=last_id}
     * (the list is paged, 20 models a page by default).
     */
    @Override
    public List<String> models() {
        return modelsWithKey(key -> {
            var headers = Map.of("x-api-key", key, "anthropic-version", API_VERSION);
            var all = new java.util.ArrayList<String>();
            String after = null;
            for (int page = 0; page < MAX_PAGES; page++) {
                String url = stripSlash(config.baseUrl()) + "/models?limit=1000"
                        + (after == null ? "" : "&after_id=" + java.net.URLEncoder.encode(after, java.nio.charset.StandardCharsets.UTF_8));
                var body = getJson(url, headers);
                all.addAll(names(body.path("data"), "id"));
                after = body.path("last_id").asText(null);
                if (!body.path("has_more").asBoolean(false) || after == null) break;
            }
            return all;
        });
    }
}
