package dev.cachet.engine.semantic;

import dev.cachet.engine.config.Environment;
import dev.cachet.engine.config.ProviderConfig;

import java.time.Duration;
import java.util.List;

/** Builds the embedder a settings string names: "minilm-l6-v2", "ollama:MODEL" or "openai:MODEL". */
public final class Embedders {

    private Embedders() { }

    public static Embedder fromSpec(String spec, List<ProviderConfig> providers, Environment env) {
        if (spec.equals(OnnxEmbedder.MINILM)) return OnnxEmbedder.miniLm();
        int colon = spec.indexOf(':');
        if (colon <= 0 || colon == spec.length() - 1) {
            throw new IllegalArgumentException("semantic.embedder: unknown embedder '" + spec
                    + "' (use minilm-l6-v2, ollama:MODEL or openai:MODEL)");
        }
        String kind = spec.substring(0, colon);
        String model = spec.substring(colon + 1);
        ProviderConfig provider = providers.stream().filter(p -> p.id().equals(kind) || p.kind().equals(kind)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("semantic.embedder: no provider '" + kind + "' is configured"));
        return switch (kind) {
            case "ollama" -> new HttpEmbedder(HttpEmbedder.Api.OLLAMA, provider.baseUrl(), model, null, Duration.ofSeconds(30));
            case "openai" -> new HttpEmbedder(HttpEmbedder.Api.OPENAI, provider.baseUrl(), model,
                    provider.apiKeyEnv() == null ? null : env.get(provider.apiKeyEnv()).orElse(null), Duration.ofSeconds(30));
            default -> throw new IllegalArgumentException("semantic.embedder: '" + kind + "' serves no embeddings (use ollama or openai)");
        };
    }
}
