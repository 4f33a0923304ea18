package dev.cachet.engine;

import dev.cachet.engine.chat.ChatError;
import dev.cachet.engine.chat.ChatRequest;
import dev.cachet.engine.chat.ChatResult;
import dev.cachet.engine.chat.ModelRef;
import dev.cachet.engine.chat.TokenListener;
import dev.cachet.engine.config.CachetConfig;
import dev.cachet.engine.config.Environment;
import dev.cachet.engine.config.ProviderConfig;
import dev.cachet.engine.pipeline.Cancellation;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.InstantSource;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class EngineProvidersTest {

    @TempDir Path dir;

    private Engine open(CachetConfig config, Map<String, String> env) {
        return Engine.open(new EngineOptions(dir, config, false, InstantSource.system(), Environment.of(env)));
    }

    @Test
    void configuredProvidersAreRegistered_besideTheSimulator() {
        try (var engine = open(CachetConfig.defaults(), Map.of())) {
            assertThat(engine.providers().entries()).extracting(e -> e.provider().id())
                    .containsExactly("simulator", "ollama", "openai", "anthropic");
            assertThat(engine.providers().defaultProvider()).isEqualTo("simulator");
            assertThat(engine.notices()).anyMatch(n -> n.contains("simulator"));
        }
    }

    @Test
    void missingKey_failsNamingTheVariable() {
        try (var engine = open(CachetConfig.defaults(), Map.of())) {
            var result = engine.pipeline().execute(ChatRequest.ofPrompt("hi").withTarget("openai", null), TokenListener.NONE, new Cancellation());
            assertThat(result).isInstanceOfSatisfying(ChatResult.Failed.class, f -> {
                assertThat(f.error().kind()).isEqualTo(ChatError.Kind.MISSING_API_KEY);
                assertThat(f.error().oneLine()).contains("OPENAI_API_KEY");
            });
        }
    }

    @Test
    void configuredFallback_answersWhenThePrimaryCannot_andTheAnswerSaysWhichModel() {
        var providers = CachetConfig.defaults().providers().stream()
                .map(p -> p.id().equals("anthropic") ? p.withFallbacks(List.of("simulator/sim-large")) : p).toList();
        try (var engine = open(CachetConfig.defaults().withProviders(providers), Map.of())) {
            var result = engine.pipeline().execute(ChatRequest.ofPrompt("hi").withTarget("anthropic", null), TokenListener.NONE, new Cancellation());
            assertThat(result).isInstanceOfSatisfying(ChatResult.Answered.class, a -> {
                assertThat(a.model()).isEqualTo(new ModelRef("simulator", "sim-large"));
                assertThat(a.trace().entry("generate").orElseThrow().details().get("fallback1"))
                        .contains("MISSING_API_KEY").contains("ANTHROPIC_API_KEY");
            });
            assertThat(engine.providerHealth()).extracting(h -> h.provider()).contains("anthropic", "simulator");
        }
    }

    @Test
    void unknownKind_isSkippedWithANotice() {
        var config = CachetConfig.defaults().withProviders(List.of(
                new ProviderConfig("x", "cohere", "http://127.0.0.1:1", null, "m", List.of(), null, null, null)));
        try (var engine = open(config, Map.of())) {
            assertThat(engine.notices()).anyMatch(n -> n.contains("'x'") && n.contains("cohere"));
        }
    }
}
