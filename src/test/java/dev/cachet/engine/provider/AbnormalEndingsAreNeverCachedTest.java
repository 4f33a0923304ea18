package dev.cachet.engine.provider;

import dev.cachet.engine.Engine;
import dev.cachet.engine.EngineOptions;
import dev.cachet.engine.chat.AnswerSource;
import dev.cachet.engine.chat.ChatError;
import dev.cachet.engine.chat.ChatMessage;
import dev.cachet.engine.chat.ChatParams;
import dev.cachet.engine.chat.ChatRequest;
import dev.cachet.engine.chat.ChatResult;
import dev.cachet.engine.chat.FinishReason;
import dev.cachet.engine.config.CachetConfig;
import dev.cachet.engine.config.Environment;
import dev.cachet.engine.config.ProviderConfig;
import dev.cachet.engine.pipeline.Cancellation;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.file.Path;
import java.time.Duration;
import java.time.InstantSource;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The product's promise, end to end through the engine: an answer whose stream ended abnormally, was
 * refused, filtered, or cut by a limit the request did not ask for, reaches neither the exact nor the
 * semantic cache — the same chat again asks the model again. Each case replays a recording of the
 * real wire format from a loopback server.
 *
 * <p>The first two cases are the reproduction of the "cached truncation" defect: an OpenAI-compatible
 * "local" provider (as llama.cpp or LM Studio would be configured) streams "The answer is " and then
 * ends the body without {@code finish_reason} / {@code [DONE]}, or sends {@code data: {"error": ...}};
 * before the fix both came back finished: stop and the second chat was an exact hit.
 */
class AbnormalEndingsAreNeverCachedTest {

    /** A recording played by one kind of server, and what the request must come to. */
    record Case(String name, String kind, String recording, UnaryOperator<RecordedServer.Reply> play,
                ChatError.Kind failure, FinishReason finish, String partial) {
        /** Fails with {@code failure}, keeping what streamed before the break. */
        static Case failing(String name, String kind, String recording, ChatError.Kind failure) {
            return new Case(name, kind, recording, r -> r, failure, null, "The answer is ");
        }
        static Case answered(String name, String kind, String recording, FinishReason finish) {
            return new Case(name, kind, recording, r -> r, null, finish, null);
        }
        /** A reset connection: what streamed before it may or may not have been read, so no partial text is expected. */
        Case resettingAfter(int chunks) {
            return new Case(name, kind, recording, r -> r.resettingAfter(chunks), failure, finish, null);
        }
        @Override public String toString() { return name; }
    }

    static Stream<Case> cases() {
        return Stream.of(
                Case.failing("local server ends the body before finish_reason", "local", "openai/cut-mid-answer.http", ChatError.Kind.INCOMPLETE),
                Case.failing("local server sends data: {error} mid-stream", "local", "openai/error-mid-stream.http", ChatError.Kind.SERVER_ERROR),
                Case.failing("OpenAI connection reset mid-stream", "openai", "openai/stream.http", ChatError.Kind.UNREACHABLE)
                        .resettingAfter(3),
                Case.answered("OpenAI content_filter", "openai", "openai/content-filter.http", FinishReason.CONTENT_FILTER),
                Case.answered("OpenAI length, max tokens not asked", "openai", "openai/length.http", FinishReason.LENGTH),
                Case.answered("Anthropic refusal", "anthropic", "anthropic/refusal.http", FinishReason.REFUSAL),
                Case.answered("Anthropic model_context_window_exceeded", "anthropic", "anthropic/context-window.http", FinishReason.CONTEXT_WINDOW),
                Case.answered("Anthropic max_tokens at the default", "anthropic", "anthropic/max-tokens.http", FinishReason.LENGTH),
                Case.failing("Anthropic closes before message_stop", "anthropic", "anthropic/cut-before-stop.http", ChatError.Kind.INCOMPLETE),
                Case.failing("Anthropic event: error mid-stream", "anthropic", "anthropic/error-mid-stream.http", ChatError.Kind.SERVER_ERROR),
                Case.failing("Ollama closes before done: true", "ollama", "ollama/cut-before-done.http", ChatError.Kind.INCOMPLETE),
                Case.failing("Ollama {error} line mid-stream", "ollama", "ollama/error-mid-stream.http", ChatError.Kind.SERVER_ERROR),
                Case.failing("Ollama connection reset mid-stream", "ollama", "ollama/stream.http", ChatError.Kind.UNREACHABLE)
                        .resettingAfter(2),
                Case.answered("Ollama done_reason length, max tokens not asked", "ollama", "ollama/length.http", FinishReason.LENGTH));
    }

    @TempDir Path dir;
    private RecordedServer server;
    private Engine engine;

    @BeforeEach void open() {
        server = new RecordedServer();
        Duration patient = Duration.ofSeconds(30);
        var providers = List.of(
                new ProviderConfig("local", "openai", server.baseUrl() + "/v1", null, "local-model", List.of(), null, patient, patient),
                new ProviderConfig("openai", "openai", server.baseUrl() + "/v1", "OPENAI_API_KEY", "gpt-4o-mini", List.of(), null, patient, patient),
                new ProviderConfig("anthropic", "anthropic", server.baseUrl() + "/v1", "ANTHROPIC_API_KEY", "claude-haiku-4-5", List.of(), null, patient, patient),
                new ProviderConfig("ollama", "ollama", server.baseUrl(), null, "llama3.2", List.of(), null, patient, patient));
        engine = Engine.open(new EngineOptions(dir, CachetConfig.defaults().withProviders(providers), false, InstantSource.system(),
                Environment.of(Map.of("OPENAI_API_KEY", "sk-test", "ANTHROPIC_API_KEY", "sk-ant-test"))));
    }

    @AfterEach void close() {
        engine.close();
        server.close();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void abnormalEnding_reachesNeitherCacheLevel(Case c) {
        server.route(chatPath(c.kind()), c.play().apply(RecordedServer.Reply.of(c.recording())));

        ChatResult first = ask(c.kind(), null);
        if (c.failure() != null) {
            assertThat(first).isInstanceOfSatisfying(ChatResult.Failed.class, f -> {
                assertThat(f.error().kind()).isEqualTo(c.failure());
                if (c.partial() != null) assertThat(f.partialText()).isEqualTo(c.partial());
            });
        } else {
            assertThat(first).isInstanceOfSatisfying(ChatResult.Answered.class, a -> {
                assertThat(a.finish()).isEqualTo(c.finish());
                assertThat(a.trace().entry("generate").orElseThrow().reason()).contains("not cached");
            });
        }
        engine.exactCache().flush();
        assertThat(engine.exactCache().stats().entries()).as("exact cache entries").isZero();
        awaitSemanticStore();
        assertThat(engine.semantic().cache().size()).as("semantic cache entries").isZero();

        int asked = server.received().size();
        ChatResult again = ask(c.kind(), null);
        if (again instanceof ChatResult.Answered a) assertThat(a.source()).as("the same chat again").isEqualTo(AnswerSource.MODEL);
        assertThat(server.received().size()).as("the model was asked again").isGreaterThan(asked);
    }

    @Test
    void lengthAnswer_toARequestThatSetItsMaxTokens_isCached() {
        server.route("/v1/chat/completions", RecordedServer.Reply.of("openai/length.http"));
        assertThat(ask("openai", 3)).isInstanceOfSatisfying(ChatResult.Answered.class, a -> assertThat(a.finish()).isEqualTo(FinishReason.LENGTH));
        assertThat(ask("openai", 3)).isInstanceOfSatisfying(ChatResult.Answered.class,
                a -> assertThat(a.source()).isEqualTo(AnswerSource.EXACT_CACHE));
        assertThat(server.received()).hasSize(1);
    }

    @Test
    void completeAnswer_isCachedAtBothLevels() {
        server.route("/v1/chat/completions", RecordedServer.Reply.of("openai/stream.http"));
        assertThat(ask("openai", null)).isInstanceOf(ChatResult.Answered.class);
        engine.exactCache().flush();
        assertThat(engine.exactCache().stats().entries()).isEqualTo(1);
        awaitSemanticStore();  // an empty namespace embeds and stores after the answer is sent
        assertThat(engine.semantic().cache().size()).isEqualTo(1);
        assertThat(ask("openai", null)).isInstanceOfSatisfying(ChatResult.Answered.class,
                a -> assertThat(a.source()).isEqualTo(AnswerSource.EXACT_CACHE));
    }

    private void awaitSemanticStore() {
        try {
            assertThat(engine.semantic().awaitAnswerWork(java.time.Duration.ofSeconds(30))).isTrue();
        } catch (InterruptedException e) {
            throw new AssertionError(e);
        }
    }

    private static String chatPath(String kind) {
        return switch (kind) {
            case "local", "openai" -> "/v1/chat/completions";
            case "anthropic" -> "/v1/messages";
            case "ollama" -> "/api/chat";
            default -> throw new IllegalArgumentException(kind);
        };
    }

    /** "What is the answer?" at temperature 0: both cache levels apply. */
    private ChatResult ask(String provider, Integer maxTokens) {
        var request = new ChatRequest(provider, null, List.of(ChatMessage.user("What is the answer?")),
                new ChatParams(0.0, maxTokens, null, null, null, null), null, null, null);
        return engine.pipeline().execute(request, token -> { }, new Cancellation());
    }
}
