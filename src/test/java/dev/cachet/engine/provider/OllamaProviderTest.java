package dev.cachet.engine.provider;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cachet.engine.chat.ChatError;
import dev.cachet.engine.config.Environment;
import dev.cachet.engine.config.ProviderConfig;
import org.junit.jupiter.api.Test;

import dev.cachet.engine.pipeline.Cancellation;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cachet.engine.chat.TokenListener;

import java.time.Duration;
import java.time.InstantSource;

import static org.assertj.core.api.Assertions.assertThat;

class OllamaProviderTest extends HttpProviderContract {

    @Override protected String dir() { return "ollama"; }
    @Override protected String chatPath() { return "/api/chat"; }
    @Override protected String modelsPath() { return "/api/tags"; }
    @Override protected String baseUrl(String root) { return root; }
    @Override protected String keyEnv() { return null; }
    @Override protected String model() { return "llama3.2"; }
    @Override protected String unknownModel() { return "llama9"; }
    @Override protected int firstTokenChunk() { return 0; }

    @Override protected String cutRecording() { return "cut-before-done.http"; }
    @Override protected String errorMidStreamRecording() { return "error-mid-stream.http"; }
    @Override protected String lengthRecording() { return "length.http"; }
    @Override protected String rateLimitedRecording() { return "busy.http"; }
    @Override protected boolean rateLimitAdvisesWait() { return false; }

    @Override protected ChatProvider create(ProviderConfig config, Environment environment) {
        return new OllamaProvider(config, environment, InstantSource.system());
    }

    @Override protected void assertSentBody(JsonNode body) {
        assertThat(body.path("messages").get(0).path("role").asText()).isEqualTo("system");
        assertThat(body.path("messages").get(0).path("content").asText()).isEqualTo("Answer in one sentence.");
        assertThat(body.path("messages").get(1).path("role").asText()).isEqualTo("user");
        assertThat(body.path("options").path("temperature").asDouble()).isEqualTo(0.2);
        assertThat(body.path("options").path("num_predict").asInt()).isEqualTo(64);
    }

    @Override protected void assertSentKey(RecordedServer.Received received) {
        assertThat(received.header("Authorization")).isNull();
    }

    @Test
    void unknownModel_hintSaysHowToPullIt() {
        server.route(chatPath(), RecordedServer.Reply.of("ollama/unknown-model.http"));
        ChatError error = failure(provider(), request("llama9"));
        assertThat(error.oneLine()).contains("ollama pull llama9");
    }

    @Test
    void thinkingModel_streamsItsThinkingApartFromTheAnswer_andThinksByDefault() throws Exception {
        server.route(chatPath(), RecordedServer.Reply.of("ollama/thinking-stream.http"));
        var answer = new StringBuilder();
        var thinking = new StringBuilder();
        var response = provider().chat(request("qwen3:8b"), new TokenListener() {
            @Override public void onToken(String token) { answer.append(token); }
            @Override public void onThinking(String text) { thinking.append(text); }
        }, Cancellation.none());
        assertThat(response.text()).isEqualTo("Caching saves repeated calls.").isEqualTo(answer.toString());
        assertThat(response.thinking()).startsWith("Okay, the user asks").isEqualTo(thinking.toString());
        assertThat(response.text()).doesNotContain("Okay");
        assertThat(new ObjectMapper().readTree(server.last().body()).path("think").asBoolean()).isTrue();
    }

    @Test
    void thinking_isActivity_soALongReasoningDoesNotTripTheFirstTokenLimit() throws Exception {
        // Thinking streams at once; the first answer token comes 1.5 s later, past a 300 ms first-token limit.
        server.route(chatPath(), RecordedServer.Reply.of("ollama/thinking-stream.http").pausingBefore(8, Duration.ofMillis(1500)));
        var response = provider(Duration.ofMillis(300), PATIENT).chat(request("qwen3:8b"), t -> { }, Cancellation.none());
        assertThat(response.text()).isEqualTo("Caching saves repeated calls.");
    }

    @Test
    void think_isSentOnlyWhenTheRequestOrTheCatalogueSaysSo() throws Exception {
        provider().chat(request(model()), t -> { }, Cancellation.none());
        assertThat(new ObjectMapper().readTree(server.last().body()).has("think")).as("llama3.2: not a thinking model").isFalse();
        server.route(chatPath(), RecordedServer.Reply.of("ollama/thinking-stream.http"));
        var noThinking = new ProviderRequest("qwen3:8b", request(model()).messages(), request(model()).params().withThink(false));
        provider().chat(noThinking, t -> { }, Cancellation.none());
        assertThat(new ObjectMapper().readTree(server.last().body()).path("think").asBoolean(true)).isFalse();
    }

    @Test
    void theContextWindowSizedForTheRequest_isSentAsNumCtx_andLeftOutWhenUnsized() throws Exception {
        var base = request(model());
        provider().chat(new ProviderRequest(model(), base.messages(), base.params(), 4096), t -> { }, Cancellation.none());
        assertThat(new ObjectMapper().readTree(server.last().body()).path("options").path("num_ctx").asInt()).isEqualTo(4096);
        provider().chat(base, t -> { }, Cancellation.none());
        assertThat(new ObjectMapper().readTree(server.last().body()).path("options").has("num_ctx")).isFalse();
    }

    @Test
    void thinkForAModelThatDoesNotThink_isABadRequestSayingToTurnItOff() {
        server.route(chatPath(), RecordedServer.Reply.of("ollama/does-not-think.http"));
        var request = new ProviderRequest(model(), request(model()).messages(), request(model()).params().withThink(true));
        ChatError error = failure(provider(), request);
        assertThat(error.kind()).isEqualTo(ChatError.Kind.BAD_REQUEST);
        assertThat(error.hint()).contains("turn thinking off");
    }

    @Test
    void models_leaveOutEmbeddingModels() throws Exception {
        assertThat(provider().models()).containsExactly("llama3.2:latest", "qwen2.5:0.5b", "qwen3:8b");
    }

    @Test
    void notAChatModel_isABadRequestSayingSo() {
        server.route(chatPath(), RecordedServer.Reply.of("ollama/not-a-chat-model.http"));
        ChatError error = failure(provider(), request("nomic-embed-text"));
        assertThat(error.kind()).isEqualTo(ChatError.Kind.BAD_REQUEST);
        assertThat(error.oneLine()).contains("does not support chat").contains("not a chat model");
    }

    @Test
    void fullQueue503_isBusy_withoutAnAdvisedWait() {
        server.route(chatPath(), RecordedServer.Reply.of("ollama/busy.http"));
        ChatError error = failure(provider(), request(model()));
        assertThat(error.message()).contains("busy").contains("503");
        assertThat(error.hint()).contains("OLLAMA_MAX_QUEUE");
    }

    @Test
    void coldModelLoad_sendsNoHeadersUntilLoaded_andCountsAgainstTheFirstTokenLimit() {
        server.route(chatPath(), RecordedServer.Reply.of("ollama/stream.http").headersAfter(Duration.ofSeconds(2)));
        ChatError error = failure(provider(Duration.ofMillis(300), PATIENT), request(model()));
        assertThat(error.kind()).isEqualTo(ChatError.Kind.TIMEOUT);
        assertThat(error.message()).contains("first-token timeout");
        assertThat(error.hint()).contains("loading");
    }

    @Test
    void modelLoadTime_isReported() throws Exception {
        server.route(chatPath(), RecordedServer.Reply.of("ollama/thinking-stream.http"));
        var response = provider().chat(request("qwen3:8b"), t -> { }, Cancellation.none());
        assertThat(response.details()).containsEntry("modelLoad", "2.1 s");
    }

    @Test
    void chat_usageComesFromEvalCounts() throws Exception {
        var response = provider().chat(request(model()), t -> { }, dev.cachet.engine.pipeline.Cancellation.none());
        assertThat(response.usage()).isEqualTo(new dev.cachet.engine.chat.Usage(24, 5));
        assertThat(response.text()).isEqualTo("Caching saves repeated calls.");
    }
}
