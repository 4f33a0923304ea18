package dev.cachet.engine.provider;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cachet.engine.config.Environment;
import dev.cachet.engine.config.ProviderConfig;

import dev.cachet.engine.chat.ChatError;
import dev.cachet.engine.chat.ChatMessage;
import dev.cachet.engine.chat.ChatParams;
import dev.cachet.engine.chat.FinishReason;
import dev.cachet.engine.pipeline.Cancellation;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class AnthropicProviderTest extends HttpProviderContract {

    @Override protected String dir() { return "anthropic"; }
    @Override protected String chatPath() { return "/v1/messages"; }
    @Override protected String modelsPath() { return "/v1/models"; }
    @Override protected String baseUrl(String root) { return root + "/v1"; }
    @Override protected String keyEnv() { return "ANTHROPIC_API_KEY"; }
    @Override protected String model() { return "claude-haiku-4-5"; }
    @Override protected int firstTokenChunk() { return 3; }

    @Override protected String cutRecording() { return "cut-before-stop.http"; }
    @Override protected String errorMidStreamRecording() { return "error-mid-stream.http"; }
    @Override protected String lengthRecording() { return "max-tokens.http"; }

    @Override protected ChatProvider create(ProviderConfig config, Environment environment) {
        return new AnthropicProvider(config, environment, InstantSource.system());
    }

    @Override protected void assertSentBody(JsonNode body) {
        // Anthropic takes the system prompt beside the messages, not among them.
        assertThat(body.path("system").toString()).contains("Answer in one sentence.");
        assertThat(body.path("messages")).hasSize(1);
        assertThat(body.path("messages").get(0).path("role").asText()).isEqualTo("user");
        assertThat(body.path("messages").get(0).path("content").toString()).contains("Why cache LLM calls?");
        assertThat(body.path("temperature").asDouble()).isEqualTo(0.2);
        assertThat(body.path("max_tokens").asInt()).isEqualTo(64);
    }

    @Override protected void assertSentKey(RecordedServer.Received received) {
        assertThat(received.header("x-api-key")).isEqualTo(KEY);
        assertThat(received.header("anthropic-version")).isEqualTo("2023-06-01");
    }

    @Test
    void maxTokens_unset_isTheCatalogueDefault_notLangchain4jsSilent1024() throws Exception {
        var response = provider().chat(new ProviderRequest(model(), request(model()).messages(),
                new ChatParams(0.2, null, null, null, null, null)), t -> { }, Cancellation.none());
        JsonNode body = new ObjectMapper().readTree(server.last().body());
        assertThat(body.path("max_tokens").asInt()).isEqualTo(8192);
        assertThat(response.details().get("maxTokens")).isEqualTo("8192 (max_tokens, catalogue default)");
    }

    @Test
    void temperatureAboveOne_orWithTopP_isRefusedBeforeSending() {
        for (ChatParams p : List.of(new ChatParams(1.5, 64, null, null, null, null), new ChatParams(0.5, 64, 0.9, null, null, null))) {
            ChatError error = failure(provider(), new ProviderRequest(model(), request(model()).messages(), p));
            assertThat(error.kind()).isEqualTo(ChatError.Kind.BAD_REQUEST);
            assertThat(error.message()).contains(model());
        }
        assertThat(server.received()).isEmpty();
    }

    @Test
    void retiredModel_404_saysWhenItWasRetiredAndWhatToUse() {
        server.route(chatPath(), RecordedServer.Reply.of("anthropic/unknown-model.http"));
        ChatError error = failure(provider(), request("claude-3-5-haiku-latest"));
        assertThat(error.kind()).isEqualTo(ChatError.Kind.UNKNOWN_MODEL);
        assertThat(error.message()).contains("retired on 2026-02-19").contains("use claude-haiku-4-5");
    }

    @Test
    void models_followEveryPage() throws Exception {
        server.route(modelsPath(), "after_id=claude-haiku-4-5-20251001", RecordedServer.Reply.of("anthropic/models-page2.http"));
        assertThat(provider().models()).containsExactly("claude-sonnet-4-5-20250929", "claude-haiku-4-5-20251001", "claude-opus-4-1-20250805");
        assertThat(server.received()).extracting(RecordedServer.Received::query)
                .containsExactly("limit=1000", "limit=1000&after_id=claude-haiku-4-5-20251001");
    }

    @Test
    void refusal_isAnAnswerThatSaysSo() throws Exception {
        server.route(chatPath(), RecordedServer.Reply.of("anthropic/refusal.http"));
        var response = provider().chat(request(model()), t -> { }, Cancellation.none());
        assertThat(response.finish()).isEqualTo(FinishReason.REFUSAL);
        assertThat(response.text()).isEqualTo("I can't help");
    }

    @Test
    void contextWindowExceeded_isATruncation_notAStop() throws Exception {
        server.route(chatPath(), RecordedServer.Reply.of("anthropic/context-window.http"));
        var response = provider().chat(request(model()), t -> { }, Cancellation.none());
        assertThat(response.finish()).isEqualTo(FinishReason.CONTEXT_WINDOW);
        assertThat(response.finish().truncated()).isTrue();
        assertThat(response.details()).containsEntry("stopReason", "model_context_window_exceeded");
    }

    @Test
    void overloaded529_isATemporaryServerError() {
        server.route(chatPath(), RecordedServer.Reply.of("anthropic/overloaded.http"));
        ChatError error = failure(provider(), request(model()));
        assertThat(error.kind()).isEqualTo(ChatError.Kind.SERVER_ERROR);
        assertThat(error.kind().transientFailure()).isTrue();
        assertThat(error.message()).contains("overloaded").contains("529");
    }

    @Test
    void overloadedErrorEvent_midStream_saysOverloaded() {
        server.route(chatPath(), RecordedServer.Reply.of("anthropic/error-mid-stream.http"));
        assertThat(failure(provider(), request(model())).message()).contains("overloaded");
    }

    @Test
    void requestTooLarge413_isABadRequest_notRetried() {
        server.route(chatPath(), RecordedServer.Reply.of("anthropic/request-too-large.http"));
        ChatError error = failure(provider(), request(model()));
        assertThat(error.kind()).isEqualTo(ChatError.Kind.BAD_REQUEST);
        assertThat(error.kind().transientFailure()).isFalse();
        assertThat(error.message()).contains("too large").contains("413");
    }

    @Test
    void rateLimitWithoutRetryAfter_waitsUntilTheExhaustedBudgetsReset() {
        server.route(chatPath(), RecordedServer.Reply.of("anthropic/rate-limited-reset.http"));
        var config = new ProviderConfig(dir(), dir(), baseUrl(server.baseUrl()), keyEnv(), model(), List.of(), Map.of(), PATIENT, PATIENT);
        // The recording's resets are absolute (RFC 3339); the provider reads them against its clock.
        var provider = new AnthropicProvider(config, Environment.of(Map.of(keyEnv(), KEY)),
                InstantSource.fixed(Instant.parse("2026-03-02T10:15:00Z")));
        ChatError error = failure(provider, request(model()));
        assertThat(error.kind()).isEqualTo(ChatError.Kind.RATE_LIMITED);
        // input-tokens and tokens are exhausted until 10:15:12; requests (remaining 41) do not count
        assertThat(error.retryAfter()).isEqualTo(Duration.ofSeconds(12));
    }

    @Test
    void jsonObject_isUnsupported_saidBeforeAnyRequest_andNotRetried() {
        var json = new ProviderRequest(model(), List.of(ChatMessage.user("List three colours as JSON.")),
                new ChatParams(0.2, 64, null, null, null, "json_object"));
        ChatError error = failure(provider(), json);
        assertThat(error.kind()).isEqualTo(ChatError.Kind.BAD_REQUEST);
        assertThat(error.kind().transientFailure()).isFalse();
        assertThat(error.message()).contains("json_object").contains("Anthropic");
        assertThat(server.received()).isEmpty();
    }
}
