package dev.cachet.server;

import dev.cachet.engine.metrics.Outcome;
import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.exception.AuthenticationException;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.chat.response.PartialResponse;
import dev.langchain4j.model.chat.response.PartialResponseContext;
import dev.langchain4j.model.chat.response.StreamingChatResponseHandler;
import dev.langchain4j.model.openai.OpenAiChatModel;
import dev.langchain4j.model.openai.OpenAiEmbeddingModel;
import dev.langchain4j.model.openai.OpenAiStreamingChatModel;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** langchain4j's OpenAI client (its own HTTP code, not the SDK's) against the running endpoint. */
class LangChain4jClientTest {

    @TempDir Path dir;
    private RunningEndpoint endpoint;

    @AfterEach void stop() { if (endpoint != null) endpoint.close(); }

    private OpenAiChatModel chat(String key) {
        return OpenAiChatModel.builder().baseUrl(endpoint.baseUrl()).apiKey(key).modelName("simulator/sim-small")
                .temperature(0.0).maxRetries(0).build();
    }

    private OpenAiStreamingChatModel streaming() {
        return OpenAiStreamingChatModel.builder().baseUrl(endpoint.baseUrl()).apiKey(endpoint.token).modelName("simulator/sim-small")
                .temperature(0.0).build();
    }

    @Test void chat_andStreaming_giveTheSameAnswer() throws Exception {
        endpoint = new RunningEndpoint(dir, RunningEndpoint.FAST);
        String whole = chat(endpoint.token).chat("How does a semantic cache decide?");
        var parts = new CopyOnWriteArrayList<String>();
        var done = new CompletableFuture<ChatResponse>();
        streaming().chat("How does a semantic cache decide?", new StreamingChatResponseHandler() {
            @Override public void onPartialResponse(String partial) { parts.add(partial); }
            @Override public void onCompleteResponse(ChatResponse r) { done.complete(r); }
            @Override public void onError(Throwable t) { done.completeExceptionally(t); }
        });
        ChatResponse response = done.get(30, TimeUnit.SECONDS);
        assertThat(whole).startsWith("[simulated answer]");
        assertThat(String.join("", parts)).isEqualTo(whole);
        assertThat(response.aiMessage().text()).isEqualTo(whole);
        assertThat(parts.size()).isGreaterThan(5);
        var r = endpoint.awaitRequest(x -> endpoint.engine.endpointTraffic().snapshot(5).requests() == 2);
        assertThat(endpoint.engine.endpointTraffic().snapshot(5).recent().getFirst().outcome()).isEqualTo(Outcome.EXACT_HIT);
    }

    @Test void cancellingTheStreamingHandle_cancelsThePipelineCall() throws Exception {
        endpoint = new RunningEndpoint(dir, RunningEndpoint.FAST.withLatency(Duration.ZERO, 20));
        var parts = new CopyOnWriteArrayList<String>();
        streaming().chat("a long answer please", new StreamingChatResponseHandler() {
            @Override public void onPartialResponse(PartialResponse partial, PartialResponseContext ctx) {
                parts.add(partial.text());
                if (parts.size() == 3) ctx.streamingHandle().cancel();
            }
            @Override public void onCompleteResponse(ChatResponse r) { }
            @Override public void onError(Throwable t) { }
        });
        var r = endpoint.awaitRequest(x -> x.outcome() != null);
        assertThat(r.outcome()).isEqualTo(Outcome.CANCELLED);
        assertThat(parts).hasSizeLessThan(20);
    }

    @Test void embeddings_matchTheWorkbenchEmbedder() throws Exception {
        endpoint = new RunningEndpoint(dir, RunningEndpoint.FAST);
        var model = OpenAiEmbeddingModel.builder().baseUrl(endpoint.baseUrl()).apiKey(endpoint.token).modelName("minilm-l6-v2").build();
        List<Embedding> vectors = model.embedAll(List.of(TextSegment.from("reset my password"), TextSegment.from("forgot my password")))
                .content();
        assertThat(vectors).hasSize(2);
        assertThat(vectors.getFirst().vector()).containsExactly(endpoint.engine.semantic().cache().embed("reset my password"));
        assertThat(dev.langchain4j.store.embedding.CosineSimilarity.between(vectors.getFirst(), vectors.get(1))).isGreaterThan(0.6);
    }

    @Test void wrongKey_isAnAuthenticationError() throws Exception {
        endpoint = new RunningEndpoint(dir, RunningEndpoint.FAST);
        assertThatThrownBy(() -> chat("cachet-wrong").chat("hi")).isInstanceOf(AuthenticationException.class);
    }
}
