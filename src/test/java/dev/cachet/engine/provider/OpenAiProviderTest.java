package dev.cachet.engine.provider;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cachet.engine.config.Environment;
import dev.cachet.engine.config.ProviderConfig;

import dev.cachet.engine.chat.ChatError;
import dev.cachet.engine.chat.FinishReason;
import dev.cachet.engine.chat.Usage;
import dev.cachet.engine.pipeline.Cancellation;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cachet.engine.chat.ChatParams;

import java.time.Duration;
import java.time.InstantSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class OpenAiProviderTest extends HttpProviderContract {

    @Override protected String dir() { return "openai"; }
    @Override protected String chatPath() { return "/v1/chat/completions"; }
    @Override protected String modelsPath() { return "/v1/models"; }
    @Override protected String baseUrl(String root) { return root + "/v1"; }
    @Override protected String keyEnv() { return "OPENAI_API_KEY"; }
    @Override protected String model() { return "gpt-4o-mini"; }
    @Override protected int firstTokenChunk() { return 1; }

    @Override protected String cutRecording() { return "cut-mid-answer.http"; }
    @Override protected String errorMidStreamRecording() { return "error-mid-stream.http"; }
    @Override protected String lengthRecording() { return "length.http"; }

    @Override protected ChatProvider create(ProviderConfig config, Environment environment) {
        return new OpenAiProvider(config, environment, InstantSource.system());
    }

    @Override protected void assertSentBody(JsonNode body) {
        assertThat(body.path("messages").get(0).path("role").asText()).isEqualTo("system");
        assertThat(body.path("messages").get(0).path("content").asText()).isEqualTo("Answer in one sentence.");
        assertThat(body.path("messages").get(1).path("role").asText()).isEqualTo("user");
        assertThat(body.path("messages").get(1).path("content").asText()).isEqualTo("Why cache LLM calls?");
        assertThat(body.path("temperature").asDouble()).isEqualTo(0.2);
        assertThat(body.path("max_tokens").asInt()).isEqualTo(64);
        assertThat(body.path("stream_options").path("include_usage").asBoolean()).isTrue();
    }

    @Override protected void assertSentKey(RecordedServer.Received received) {
        assertThat(received.header("Authorization")).isEqualTo("Bearer " + KEY);
    }

    @Test
    void reasoningModel_getsMaxCompletionTokens_andNeitherTemperatureNorTopP() throws Exception {
        server.route(chatPath(), RecordedServer.Reply.of("openai/reasoning-stream.http"));
        var response = provider().chat(new ProviderRequest("o3-mini", request(model()).messages(),
                new ChatParams(0.2, 64, 0.9, null, null, null)), t -> { }, Cancellation.none());
        JsonNode body = new ObjectMapper().readTree(server.last().body());
        assertThat(body.path("max_completion_tokens").asInt()).isEqualTo(64);
        assertThat(body.has("max_tokens")).isFalse();
        assertThat(body.has("temperature")).isFalse();
        assertThat(body.has("top_p")).isFalse();
        assertThat(response.details().get("temperature")).contains("fixed 1");
        assertThat(response.usage().outputTokens()).as("reasoning tokens count as output").isEqualTo(325);
    }

    @Test
    void reasoningModel_longSilenceBeforeItsFirstToken_isWithinItsAllowance_notAFirstTokenTimeout() throws Exception {
        server.route(chatPath(), RecordedServer.Reply.of("openai/reasoning-stream.http").pausingBefore(0, Duration.ofMillis(1500)));
        var quick = provider(Duration.ofMillis(300), PATIENT);
        var response = quick.chat(request("o3-mini"), t -> { }, Cancellation.none());
        assertThat(response.text()).isEqualTo("Caching saves repeated calls.");
        // The same silence from a model that answers at once is a stalled server.
        assertThat(failure(quick, request(model())).message()).contains("first-token timeout");
    }

    @Test
    void reasoningParameterRefusals_fromAModelTheCatalogueDoesNotKnow_sayWhatToDo() {
        for (String recording : new String[] {"openai/reasoning-max-tokens.http", "openai/reasoning-temperature.http"}) {
            server.route(chatPath(), RecordedServer.Reply.of(recording));
            ChatError error = failure(provider(), request("o9-preview"));
            assertThat(error.kind()).isEqualTo(ChatError.Kind.BAD_REQUEST);
            assertThat(error.kind().transientFailure()).isFalse();
            assertThat(error.message()).contains("Unsupported");
            assertThat(error.hint()).contains("models.yaml");
        }
    }

    @Test
    void models_offerChatModelsOnly() throws Exception {
        assertThat(provider().models()).containsExactly("gpt-4o-mini", "gpt-4o", "o3-mini", "gpt-5-mini");
    }

    @Test
    void contentFilter_isAnAnswerThatSaysSo() throws Exception {
        server.route(chatPath(), RecordedServer.Reply.of("openai/content-filter.http"));
        var response = provider().chat(request(model()), t -> { }, Cancellation.none());
        assertThat(response.finish()).isEqualTo(FinishReason.CONTENT_FILTER);
        assertThat(response.details()).containsEntry("stopReason", "content_filter");
    }

    @Test
    void cutAfterFinishReason_beforeTheUsageChunk_isAComplete_answerWithEstimatedUsage() throws Exception {
        server.route(chatPath(), RecordedServer.Reply.of("openai/cut-before-usage.http"));
        var response = provider().chat(request(model()), t -> { }, Cancellation.none());
        assertThat(response.text()).isEqualTo("Caching saves repeated calls.");
        assertThat(response.finish()).isEqualTo(FinishReason.STOP);
        assertThat(response.details()).containsKey("usage").containsKey("streamEnd");
        assertThat(response.details().get("streamEnd")).contains("[DONE]");
    }

    @Test
    void usage_comesFromTheUsageChunk() throws Exception {
        var response = provider().chat(request(model()), t -> { }, Cancellation.none());
        assertThat(response.usage()).isEqualTo(new Usage(24, 5));
        assertThat(response.details()).doesNotContainKey("usage");
    }

    @Test
    void insufficientQuota_isQuotaExhausted_notWorthARetry() {
        server.route(chatPath(), RecordedServer.Reply.of("openai/quota-exhausted.http"));
        ChatError error = failure(provider(), request(model()));
        assertThat(error.kind()).isEqualTo(ChatError.Kind.QUOTA_EXHAUSTED);
        assertThat(error.kind().transientFailure()).isFalse();
        assertThat(error.oneLine()).contains("quota").doesNotContain("retry");
    }

    @Test
    void rateLimitWithoutRetryAfter_waitsForTheExhaustedBudgetsReset() {
        server.route(chatPath(), RecordedServer.Reply.of("openai/rate-limited-tokens.http"));
        assertThatThrownBy(() -> provider().chat(request(model()), t -> { }, Cancellation.none()))
                .isInstanceOfSatisfying(ProviderException.class, e -> {
                    assertThat(e.error().kind()).isEqualTo(ChatError.Kind.RATE_LIMITED);
                    // x-ratelimit-remaining-tokens: 0, x-ratelimit-reset-tokens: 1.5s (requests, 20ms, are not exhausted)
                    assertThat(e.error().retryAfter()).isEqualTo(Duration.ofMillis(1500));
                    assertThat(e.rateLimits().budget("tokens")).hasValueSatisfying(b -> {
                        assertThat(b.limit()).isEqualTo(200_000L);
                        assertThat(b.remaining()).isZero();
                    });
                    assertThat(e.rateLimits().budget("requests").orElseThrow().resetIn()).isEqualTo(Duration.ofMillis(20));
                });
    }
}
