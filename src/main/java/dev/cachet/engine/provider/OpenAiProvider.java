package dev.cachet.engine.provider;

import dev.cachet.engine.config.Environment;
import dev.cachet.engine.catalogue.ModelCatalogue;
import dev.cachet.engine.catalogue.ModelSpec;
import dev.cachet.engine.chat.ChatParams;
import dev.cachet.engine.chat.FinishReason;
import dev.cachet.engine.config.ProviderConfig;
import dev.cachet.engine.provider.http.OpenAiStreamWatch;
import dev.cachet.engine.provider.http.StreamWatch;
import dev.langchain4j.http.client.HttpClientBuilder;
import dev.langchain4j.model.chat.StreamingChatModel;
import dev.langchain4j.model.chat.request.ChatRequestParameters;
import dev.langchain4j.model.openai.OpenAiChatRequestParameters;
import dev.langchain4j.model.openai.OpenAiStreamingChatModel;

import java.time.InstantSource;
import java.util.List;
import java.util.Map;

/**
 * OpenAI's chat completions API ({@code POST {baseUrl}/chat/completions}, SSE) and any server that
 * speaks it (llama.cpp server, LM Studio, vLLM), through langchain4j-open-ai. A key is required when
 * {@code apiKeyEnv} is configured; servers without one get none.
 */
public final class OpenAiProvider extends StreamingProvider {

    /** Sent to OpenAI-compatible servers that take no key; langchain4j insists on some value. */
    private static final String NO_KEY = "no-key";

    public OpenAiProvider(ProviderConfig config, Environment environment, InstantSource clock) {
        this(config, environment, clock, ModelCatalogue.builtIn());
    }

    public OpenAiProvider(ProviderConfig config, Environment environment, InstantSource clock, ModelCatalogue catalogue) {
        super(config, environment, clock, catalogue, new ChatErrorTranslator.Target(label(config), stripSlash(config.baseUrl()), config.apiKeyEnv(),
                config.baseUrl().contains("api.openai.com") ? "check the network and the base URL"
                        : "is the server running and is the base URL right (it usually ends in /v1)?",
                "check the model name; `cachet` lists what the server offers"));
    }

    private static String label(ProviderConfig config) {
        return config.baseUrl().contains("api.openai.com") ? "OpenAI" : "OpenAI-compatible server";
    }

    @Override public String displayName() { return label(config); }

    /** OpenAI API reference: temperature defaults to 1, top_p to 1. */
    @Override public double defaultTemperature() { return 1.0; }

    @Override protected boolean needsKey() { return config.apiKeyEnv() != null && !config.apiKeyEnv().isBlank(); }

    @Override
    protected StreamingChatModel model(String modelName, String apiKey, HttpClientBuilder httpClient) {
        return OpenAiStreamingChatModel.builder().httpClientBuilder(httpClient)
                .baseUrl(stripSlash(config.baseUrl())).apiKey(apiKey == null ? NO_KEY : apiKey).modelName(modelName)
                // reasoning_content, as llama.cpp, vLLM and DeepSeek stream it, arrives as thinking
                .returnThinking(true)
                .build();
    }

    @Override protected StreamWatch newWatch() { return new OpenAiStreamWatch(); }

    /** Reasoning models refuse max_tokens: the limit goes out as max_completion_tokens (which counts the reasoning too). */
    @Override
    protected ChatRequestParameters parameters(String model, ChatParams p, ModelSpec spec) {
        var b = OpenAiChatRequestParameters.builder();
        common(b, model, p, spec);
        if ("max_completion_tokens".equals(spec.tokensField())) {
            b.maxOutputTokens(null);
            b.maxCompletionTokens(spec.maxTokensFor(p));
        }
        return b.build();
    }

    /**
     * {@code finish_reason} values of the chat completions API (and Hugging Face TGI's "eos_token" and
     * "stop_sequence"); anything else is not trusted as a complete answer.
     */
    @Override
    protected FinishReason finish(String reason) {
        return switch (reason) {
            case "stop", "eos_token", "stop_sequence" -> FinishReason.STOP;
            case "length" -> FinishReason.LENGTH;
            case "content_filter" -> FinishReason.CONTENT_FILTER;
            case "tool_calls", "function_call" -> FinishReason.TOOL_CALLS;
            default -> FinishReason.ERROR;
        };
    }

    /**
     * {@code GET {baseUrl}/models}, chat models only: OpenAI also lists embedding, speech, image and
     * moderation models (and LM Studio its embedding models), which the catalogue marks.
     */
    @Override
    public List<String> models() {
        return modelsWithKey(key -> {
            Map<String, String> headers = key == null ? Map.of() : Map.of("Authorization", "Bearer " + key);
            return chatModels(names(getJson(stripSlash(config.baseUrl()) + "/models", headers).path("data"), "id"));
        });
    }
}
