package dev.cachet.server;

import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.core.http.StreamResponse;
import com.openai.errors.BadRequestException;
import com.openai.errors.NotFoundException;
import com.openai.errors.RateLimitException;
import com.openai.errors.UnauthorizedException;
import com.openai.models.chat.completions.ChatCompletion;
import com.openai.models.chat.completions.ChatCompletionChunk;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import com.openai.models.chat.completions.ChatCompletionStreamOptions;
import com.openai.models.embeddings.EmbeddingCreateParams;
import com.openai.models.models.Model;
import dev.cachet.engine.metrics.Outcome;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The official OpenAI Java SDK, pointed at the running endpoint as any app would be. */
class OpenAiSdkTest {

    @TempDir Path dir;
    private RunningEndpoint endpoint;

    @AfterEach void stop() { if (endpoint != null) endpoint.close(); }

    private OpenAIClient client(String key) {
        return OpenAIOkHttpClient.builder().baseUrl(endpoint.baseUrl()).apiKey(key).maxRetries(0).build();
    }

    private static ChatCompletionCreateParams ask(String text) {
        return ChatCompletionCreateParams.builder().model("simulator/sim-small").addUserMessage(text).temperature(0.0).build();
    }

    @Test void create_answersThroughThePipeline_andTheSecondTimeFromTheExactCache() throws Exception {
        endpoint = new RunningEndpoint(dir, RunningEndpoint.FAST);
        OpenAIClient client = client(endpoint.token);
        ChatCompletion first = client.chat().completions().create(ask("What does an exact cache key hold?"));
        ChatCompletion second = client.chat().completions().create(ask("What does an exact cache key hold?"));

        assertThat(first.choices()).hasSize(1);
        String text = first.choices().getFirst().message().content().orElseThrow();
        assertThat(text).startsWith("[simulated answer]");
        assertThat(first.choices().getFirst().finishReason()).isEqualTo(ChatCompletion.Choice.FinishReason.STOP);
        assertThat(first.model()).isEqualTo("simulator/sim-small");
        assertThat(first.usage().orElseThrow().completionTokens()).isPositive();
        assertThat(second.choices().getFirst().message().content()).contains(text);
        endpoint.awaitRequest(r -> endpoint.engine.endpointTraffic().snapshot(10).requests() == 2); // recorded after the answer went out
        var outcomes = endpoint.engine.endpointTraffic().snapshot(10).recent().stream().map(r -> r.outcome()).toList();
        assertThat(outcomes).containsExactly(Outcome.EXACT_HIT, Outcome.MODEL_CALL); // newest first
        assertThat(endpoint.engine.endpointTraffic().snapshot(10).clients().getFirst().client()).startsWith("test · OpenAI");
    }

    @Test void createStreaming_deliversChunks_thenAUsageChunk() throws Exception {
        endpoint = new RunningEndpoint(dir, RunningEndpoint.FAST);
        var params = ask("Stream me an answer about caches").toBuilder()
                .streamOptions(ChatCompletionStreamOptions.builder().includeUsage(true).build()).build();
        var chunks = new ArrayList<ChatCompletionChunk>();
        try (StreamResponse<ChatCompletionChunk> stream = client(endpoint.token).chat().completions().createStreaming(params)) {
            stream.stream().forEach(chunks::add);
        }
        String streamed = String.join("", chunks.stream().flatMap(c -> c.choices().stream())
                .map(c -> c.delta().content().orElse("")).toList());
        String whole = client(endpoint.token).chat().completions().create(ask("Stream me an answer about caches"))
                .choices().getFirst().message().content().orElseThrow();
        assertThat(streamed).isEqualTo(whole);
        assertThat(chunks.getFirst().choices().getFirst().delta().role()).isPresent();
        var finishes = chunks.stream().flatMap(c -> c.choices().stream()).filter(c -> c.finishReason().isPresent()).toList();
        assertThat(finishes).hasSize(1);
        assertThat(chunks.getLast().choices()).isEmpty();
        assertThat(chunks.getLast().usage().orElseThrow().totalTokens()).isPositive();
    }

    @Test void closingTheStream_cancelsThePipelineCall() throws Exception {
        endpoint = new RunningEndpoint(dir, RunningEndpoint.FAST.withLatency(Duration.ZERO, 20)); // 20 tokens/s: ~3 s per answer
        try (StreamResponse<ChatCompletionChunk> stream = client(endpoint.token).chat().completions().createStreaming(ask("a long answer please"))) {
            Iterator<ChatCompletionChunk> it = stream.stream().iterator();
            for (int i = 0; i < 3; i++) it.next();
        } // closes the connection mid-answer
        var r = endpoint.awaitRequest(x -> x.outcome() != null);
        assertThat(r.outcome()).isEqualTo(Outcome.CANCELLED);
        assertThat(endpoint.engine.metrics().requests().get(Outcome.CANCELLED)).isEqualTo(1);
        assertThat(endpoint.engine.exactCache().stats().entries()).as("a cut answer is never cached").isZero();
    }

    @Test void clientTimeout_onANonStreamingCall_cancelsThePipelineCallBeforeTheModelAnswers() throws Exception {
        endpoint = new RunningEndpoint(dir, RunningEndpoint.FAST.withLatency(Duration.ofSeconds(20), 0));
        OpenAIClient impatient = OpenAIOkHttpClient.builder().baseUrl(endpoint.baseUrl()).apiKey(endpoint.token)
                .maxRetries(0).timeout(Duration.ofMillis(500)).build();
        long start = System.nanoTime();
        assertThatThrownBy(() -> impatient.chat().completions().create(ask("take your time"))).isNotNull();
        var r = endpoint.awaitRequest(x -> x.outcome() != null);
        assertThat(r.outcome()).isEqualTo(Outcome.CANCELLED);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).as("cancelled, not waited out").isLessThan(Duration.ofSeconds(20));
    }

    @Test void embeddings_comeFromTheWorkbenchEmbedder_inTheSdksBase64Encoding() throws Exception {
        endpoint = new RunningEndpoint(dir, RunningEndpoint.FAST);
        var response = client(endpoint.token).embeddings().create(EmbeddingCreateParams.builder()
                .model("minilm-l6-v2").inputOfArrayOfStrings(List.of("a cat sits on the mat", "a kitten on a rug", "tax law")).build());
        assertThat(response.data()).hasSize(3);
        List<Float> cat = response.data().get(0).embedding();
        List<Float> kitten = response.data().get(1).embedding();
        List<Float> tax = response.data().get(2).embedding();
        assertThat(cat).hasSize(384);
        assertThat(cosine(cat, kitten)).isGreaterThan(cosine(cat, tax));
        float[] direct = endpoint.engine.semantic().cache().embed("a cat sits on the mat");
        assertThat(cat.get(7)).isEqualTo(direct[7]);
    }

    @Test void models_listsProviderModels_andTheEmbeddingModel() throws Exception {
        endpoint = new RunningEndpoint(dir, RunningEndpoint.FAST);
        List<String> ids = client(endpoint.token).models().list().data().stream().map(Model::id).toList();
        assertThat(ids).contains("simulator/sim-small", "simulator/sim-large", "minilm-l6-v2");
    }

    @Test void wrongKey_isUnauthorized() throws Exception {
        endpoint = new RunningEndpoint(dir, RunningEndpoint.FAST);
        assertThatThrownBy(() -> client("cachet-not-a-real-token").chat().completions().create(ask("hi")))
                .isInstanceOf(UnauthorizedException.class).hasMessageContaining("invalid bearer token");
    }

    @Test void rateLimitedModel_is429_whichTheSdkRecognises() throws Exception {
        endpoint = new RunningEndpoint(dir, RunningEndpoint.FAST.withFailures(0, 1.0));
        assertThatThrownBy(() -> client(endpoint.token).chat().completions().create(ask("hi")))
                .isInstanceOfSatisfying(RateLimitException.class, e -> assertThat(e.headers().values("Retry-After")).isNotEmpty());
    }

    @Test void unknownModel_isNotFound_andABadRole_isBadRequest() throws Exception {
        endpoint = new RunningEndpoint(dir, RunningEndpoint.FAST);
        assertThatThrownBy(() -> client(endpoint.token).chat().completions().create(ask("hi").toBuilder().model("simulator/gpt-9").build()))
                .isInstanceOf(NotFoundException.class).hasMessageContaining("gpt-9");
        assertThatThrownBy(() -> client(endpoint.token).chat().completions().create(ask("hi").toBuilder().maxCompletionTokens(0).build()))
                .isInstanceOf(BadRequestException.class).hasMessageContaining("max_completion_tokens");
    }

    private static double cosine(List<Float> a, List<Float> b) {
        double dot = 0;
        for (int i = 0; i < a.size(); i++) dot += a.get(i) * b.get(i);
        return dot;
    }
}
