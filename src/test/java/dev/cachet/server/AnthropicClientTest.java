package dev.cachet.server;

import dev.cachet.engine.metrics.Outcome;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.anthropic.AnthropicChatModel;
import dev.langchain4j.model.anthropic.AnthropicStreamingChatModel;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.chat.response.StreamingChatResponseHandler;
import dev.langchain4j.model.output.FinishReason;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** Anthropic's Messages API on the endpoint, through langchain4j's Anthropic client (which sends x-api-key). */
class AnthropicClientTest {

    @TempDir Path dir;
    private RunningEndpoint endpoint;

    @AfterEach void stop() { if (endpoint != null) endpoint.close(); }

    @Test void chat_andStreaming_throughTheMessagesApi() throws Exception {
        endpoint = new RunningEndpoint(dir, RunningEndpoint.FAST);
        String base = endpoint.baseUrl() + "/";
        var model = AnthropicChatModel.builder().baseUrl(base).apiKey(endpoint.token).modelName("simulator/sim-small")
                .maxTokens(200).temperature(0.0).maxRetries(0).build();
        ChatResponse whole = model.chat(SystemMessage.from("Be brief."), UserMessage.from("What is a semantic cache?"));
        assertThat(whole.aiMessage().text()).startsWith("[simulated answer]");
        assertThat(whole.finishReason()).isEqualTo(FinishReason.STOP);
        assertThat(whole.tokenUsage().outputTokenCount()).isPositive();

        var streaming = AnthropicStreamingChatModel.builder().baseUrl(base).apiKey(endpoint.token).modelName("simulator/sim-small")
                .maxTokens(200).temperature(0.0).build();
        var parts = new CopyOnWriteArrayList<String>();
        var done = new CompletableFuture<ChatResponse>();
        streaming.chat(List.of(SystemMessage.from("Be brief."), UserMessage.from("What is a semantic cache?")), new StreamingChatResponseHandler() {
            @Override public void onPartialResponse(String partial) { parts.add(partial); }
            @Override public void onCompleteResponse(ChatResponse r) { done.complete(r); }
            @Override public void onError(Throwable t) { done.completeExceptionally(t); }
        });
        ChatResponse streamed = done.get(30, TimeUnit.SECONDS);
        assertThat(String.join("", parts)).isEqualTo(whole.aiMessage().text());
        assertThat(streamed.aiMessage().text()).isEqualTo(whole.aiMessage().text());
        endpoint.awaitRequest(r -> endpoint.engine.endpointTraffic().snapshot(5).requests() == 2);
        assertThat(endpoint.engine.endpointTraffic().snapshot(5).recent().getFirst().outcome()).isEqualTo(Outcome.EXACT_HIT);
    }

    @Test void errors_comeInAnthropicsShape() throws Exception {
        endpoint = new RunningEndpoint(dir, RunningEndpoint.FAST);
        try (var http = HttpClient.newHttpClient()) {
            var noKey = http.send(HttpRequest.newBuilder(URI.create(endpoint.baseUrl() + "/messages"))
                    .POST(HttpRequest.BodyPublishers.ofString("{}")).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(noKey.statusCode()).isEqualTo(401);
            assertThat(noKey.body()).startsWith("{\"type\":\"error\",\"error\":{\"type\":\"authentication_error\"");
            var noMax = http.send(HttpRequest.newBuilder(URI.create(endpoint.baseUrl() + "/messages")).header("x-api-key", endpoint.token)
                    .POST(HttpRequest.BodyPublishers.ofString("{\"model\":\"sim-small\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(noMax.statusCode()).isEqualTo(400);
            assertThat(noMax.body()).contains("invalid_request_error", "max_tokens");
        }
    }
}
