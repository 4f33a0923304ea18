package dev.cachet.engine.provider;

import dev.cachet.engine.Engine;
import dev.cachet.engine.EngineOptions;
import dev.cachet.engine.chat.ChatMessage;
import dev.cachet.engine.chat.ChatParams;
import dev.cachet.engine.chat.ChatRequest;
import dev.cachet.engine.chat.ChatResult;
import dev.cachet.engine.config.CachetConfig;
import dev.cachet.engine.config.Environment;
import dev.cachet.engine.config.ProviderConfig;
import dev.cachet.engine.pipeline.Cancellation;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.time.InstantSource;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The reproduction of the "cached truncation" defect, end to end: an OpenAI-compatible server (a
 * "local" provider, as llama.cpp or LM Studio would be configured) streams "The answer is " and then
 * either ends the stream without {@code finish_reason} / {@code [DONE]}, or sends
 * {@code data: {"error": ...}}. The request must fail with the partial text, and asking again must
 * call the model again: neither the exact nor the semantic level may hold the broken answer.
 */
class BrokenStreamsAreNeverCachedTest {

    @TempDir Path dir;
    private RecordedServer server;
    private Engine engine;

    @BeforeEach void open() {
        server = new RecordedServer();
        var local = new ProviderConfig("local", "openai", server.baseUrl() + "/v1", null, "local-model", List.of(), null,
                Duration.ofSeconds(10), Duration.ofSeconds(10));
        engine = Engine.open(new EngineOptions(dir, CachetConfig.defaults().withProviders(List.of(local)), false,
                InstantSource.system(), Environment.of(Map.of())));
    }

    @AfterEach void close() {
        engine.close();
        server.close();
    }

    @ParameterizedTest
    @ValueSource(strings = {"openai/cut-mid-answer.http", "openai/error-mid-stream.http"})
    void brokenStream_failsWithItsPartialText_andNeitherCacheLevelKeepsIt(String recording) {
        server.route("/v1/chat/completions", RecordedServer.Reply.of(recording));

        ChatResult first = ask();
        assertThat(first).isInstanceOfSatisfying(ChatResult.Failed.class,
                f -> assertThat(f.partialText()).isEqualTo("The answer is "));

        engine.exactCache().flush();
        assertThat(engine.exactCache().stats().entries()).as("exact cache entries").isZero();
        assertThat(engine.semantic().cache().size()).as("semantic cache entries").isZero();

        ChatResult again = ask();
        assertThat(again).as("the same chat again: no stored answer, the model is asked again").isInstanceOf(ChatResult.Failed.class);
        assertThat(server.received()).as("the model was asked twice").hasSize(2);
    }

    private ChatResult ask() {
        var request = new ChatRequest("local", null, List.of(ChatMessage.user("What is the answer?")),
                new ChatParams(0.0, null, null, null, null, null), null, null, null);
        return engine.pipeline().execute(request, token -> { }, new Cancellation());
    }
}
