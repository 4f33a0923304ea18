package dev.cachet.engine.provider;

import dev.cachet.engine.config.Environment;
import dev.cachet.engine.catalogue.ModelCatalogue;
import dev.cachet.engine.catalogue.ModelSpec;
import dev.cachet.engine.chat.ChatParams;
import dev.cachet.engine.chat.FinishReason;
import dev.cachet.engine.config.ProviderConfig;
import dev.cachet.engine.provider.http.OllamaStreamWatch;
import dev.cachet.engine.provider.http.StreamWatch;
import dev.langchain4j.http.client.HttpClientBuilder;
import dev.langchain4j.model.chat.StreamingChatModel;
import dev.langchain4j.model.chat.request.ChatRequestParameters;
import dev.langchain4j.model.ollama.OllamaChatRequestParameters;
import dev.langchain4j.model.ollama.OllamaStreamingChatModel;

import java.time.InstantSource;
import java.util.List;
import java.util.Map;

/** Ollama's native chat API ({@code POST /api/chat}, NDJSON stream), through langchain4j-ollama. */
public final class OllamaProvider extends StreamingProvider {

    public OllamaProvider(ProviderConfig config, Environment environment, InstantSource clock) {
        this(config, environment, clock, ModelCatalogue.builtIn());
    }

    public OllamaProvider(ProviderConfig config, Environment environment, InstantSource clock, ModelCatalogue catalogue) {
        super(config, environment, clock, catalogue, new ChatErrorTranslator.Target("Ollama", stripSlash(config.baseUrl()), config.apiKeyEnv(),
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
                .baseUrl(stripSlash(config.baseUrl())).modelName(modelName)
                .returnThinking(true);
        // Ollama behind a proxy may want a bearer token; a plain local Ollama needs none.
        if (apiKey != null) builder.customHeaders(Map.of("Authorization", "Bearer " + apiKey));
        return builder.build();
    }

    @Override protected StreamWatch newWatch() { return new OllamaStreamWatch(); }

    /**
     * {@code think}: the request's choice, else the catalogue's default for the model, else left out
     * (Ollama 0.12.4+ then thinks with models that can; the thinking still streams and is shown).
     */
    @Override
    protected ChatRequestParameters parameters(String model, ChatParams p, ModelSpec spec) {
        return ollama(model, p, spec, null);
    }

    /** Also sends the context window the complexity stage sized for this request as {@code options.num_ctx}. */
    @Override
    protected ChatRequestParameters parameters(ProviderRequest request, ChatParams p, ModelSpec spec) {
        return ollama(request.model(), p, spec, request.contextWindow());
    }

    private static ChatRequestParameters ollama(String model, ChatParams p, ModelSpec spec, Integer contextWindow) {
        var b = OllamaChatRequestParameters.builder();
        common(b, model, p, spec);
        b.think(spec.thinkFor(p));
        if (contextWindow != null) b.numCtx(contextWindow);
        return b.build();
    }

    /** {@code done_reason}: "stop" or "length"; "load"/"unload" (no answer) and unknown ones are not complete answers. */
    @Override
    protected FinishReason finish(String reason) {
        return switch (reason) {
            case "stop" -> FinishReason.STOP;
            case "length" -> FinishReason.LENGTH;
            default -> FinishReason.ERROR;
        };
    }

    @Override
    protected Map<String, String> details(StreamWatch watch) {
        var load = ((OllamaStreamWatch) watch).loadDuration();
        return load == null ? Map.of() : Map.of("modelLoad", ChatErrorTranslator.seconds(load));
    }

    /** {@code GET /api/tags}: the pulled models, e.g. "llama3.2:latest", without embedding models. */
    @Override
    public List<String> models() {
        return modelsOr(() -> chatModels(names(getJson(stripSlash(config.baseUrl()) + "/api/tags", Map.of()).path("models"), "name")));
    }
}
