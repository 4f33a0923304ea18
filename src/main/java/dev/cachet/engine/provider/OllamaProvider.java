package dev.cachet.engine.provider;

import dev.cachet.engine.config.Environment;
import dev.cachet.engine.config.ProviderConfig;
import dev.langchain4j.http.client.HttpClientBuilder;
import dev.langchain4j.model.chat.StreamingChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.ollama.OllamaChatRequestParameters;
import dev.langchain4j.model.ollama.OllamaStreamingChatModel;

import java.time.InstantSource;
import java.util.List;
import java.util.Map;

/** Ollama's native chat API ({@code POST /api/chat}, NDJSON stream), through langchain4j-ollama. */
public final class OllamaProvider extends StreamingProvider {

    public OllamaProvider(ProviderConfig config, Environment environment, InstantSource clock) {
        super(config, environment, clock, new ChatErrorTranslator.Target("Ollama", stripSlash(config.baseUrl()), config.apiKeyEnv(),
                "is `ollama serve` running?", "pull it with `ollama pull %s`"));
    }

    @Override public String displayName() { return "Ollama"; }

    /** Ollama's documented default (Modelfile parameter table); a model's Modelfile may override it. */
    @Override public double defaultTemperature() { return 0.8; }

    /** Ollama's documented default top_p. */
    @Override public double defaultTopP() { return 0.9; }

    @Override protected boolean needsKey() { return false; }

    @Override
    protected StreamingChatModel model(String modelName, String apiKey, HttpClientBuilder httpClient) {
        var builder = OllamaStreamingChatModel.builder().httpClientBuilder(httpClient)
                .baseUrl(stripSlash(config.baseUrl())).modelName(modelName);
        // Ollama behind a proxy may want a bearer token; a plain local Ollama needs none.
        if (apiKey != null) builder.customHeaders(Map.of("Authorization", "Bearer " + apiKey));
        return builder.build();
    }

    /** Sends the context window the complexity stage sized as {@code options.num_ctx}. */
    @Override
    protected ChatRequest adapt(ChatRequest generic, ProviderRequest request) {
        if (request.contextWindow() == null) return generic;
        var params = OllamaChatRequestParameters.builder().overrideWith(generic.parameters()).numCtx(request.contextWindow()).build();
        return ChatRequest.builder().messages(generic.messages()).parameters(params).build();
    }

    /** {@code GET /api/tags}: the pulled models, e.g. "llama3.2:latest". */
    @Override
    public List<String> models() {
        return modelsOr(() -> names(getJson(stripSlash(config.baseUrl()) + "/api/tags", Map.of()).path("models"), "name"));
    }
}
