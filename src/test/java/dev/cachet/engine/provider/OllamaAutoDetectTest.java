package dev.cachet.engine.provider;

import dev.cachet.engine.Engine;
import dev.cachet.engine.EngineOptions;
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

/** "auto" picks Ollama when its /api/tags answers: here a recorded Ollama on 127.0.0.1. */
class OllamaAutoDetectTest {

    @TempDir Path dir;

    @Test
    void auto_usesOllamaAndItsModels_whenItAnswers() {
        try (var server = new RecordedServer()
                .route("/api/tags", RecordedServer.Reply.of("ollama/models.http"))
                .route("/api/chat", RecordedServer.Reply.of("ollama/stream.http"))) {
            var config = CachetConfig.defaults().withProviders(List.of(
                    new ProviderConfig("ollama", "ollama", server.baseUrl(), null, "llama3.2", List.of(), null, null, null)));
            try (var engine = Engine.open(new EngineOptions(dir, config, true, InstantSource.system(), Environment.of(Map.of())))) {
                assertThat(engine.providers().defaultProvider()).isEqualTo("ollama");
                assertThat(engine.notices()).anyMatch(n -> n.contains("Ollama answers at " + server.baseUrl()) && n.contains("ollama/llama3.2"));
                var result = engine.pipeline().execute(ChatRequest.ofPrompt("hi"), TokenListener.NONE, new Cancellation());
                assertThat(result).isInstanceOfSatisfying(ChatResult.Answered.class, a -> {
                    assertThat(a.model()).isEqualTo(new ModelRef("ollama", "llama3.2"));
                    assertThat(a.text()).isEqualTo("Caching saves repeated calls.");
                });
                var unknown = engine.pipeline().execute(ChatRequest.ofPrompt("hi").withTarget("ollama", "llama9"), TokenListener.NONE, new Cancellation());
                assertThat(unknown).isInstanceOfSatisfying(ChatResult.Failed.class,
                        f -> assertThat(f.error().oneLine()).contains("llama9").contains("qwen2.5:0.5b"));
            }
        }
    }
}
