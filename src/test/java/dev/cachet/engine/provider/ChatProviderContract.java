package dev.cachet.engine.provider;

import dev.cachet.engine.chat.ChatError;
import dev.cachet.engine.chat.ChatMessage;
import dev.cachet.engine.chat.ChatParams;
import dev.cachet.engine.pipeline.Cancellation;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** What every {@link ChatProvider} promises: the simulator and every adapter extend this. */
abstract class ChatProviderContract {

    /** A provider whose {@link #model()} answers with at least two tokens. */
    protected abstract ChatProvider provider();

    protected abstract String model();

    /** A model the provider does not have. */
    protected abstract String unknownModel();

    /** A provider whose answer keeps streaming until cancelled (or for a long time). */
    protected abstract ChatProvider endlessProvider();

    protected ProviderRequest request(String model) {
        return new ProviderRequest(model, List.of(ChatMessage.system("Answer in one sentence."),
                ChatMessage.user("Why cache LLM calls?")), new ChatParams(0.2, 64, null, null, null, null));
    }

    @Test
    void chat_streamsTokensInOrder_andReturnsTheirText() throws Exception {
        var tokens = new CopyOnWriteArrayList<String>();
        ProviderResponse response = provider().chat(request(model()), tokens::add, Cancellation.none());
        assertThat(tokens).hasSizeGreaterThanOrEqualTo(2);
        assertThat(String.join("", tokens)).isEqualTo(response.text());
        assertThat(response.text()).isNotBlank();
    }

    @Test
    void chat_reportsUsageAndACacheableFinish() throws Exception {
        ProviderResponse response = provider().chat(request(model()), t -> { }, Cancellation.none());
        assertThat(response.usage().inputTokens()).isPositive();
        assertThat(response.usage().outputTokens()).isPositive();
        assertThat(response.finish().cacheable(request(model()).params())).isTrue();
    }

    @Test
    void chat_unknownModel_isUnknownModelNamingIt() {
        assertThatThrownBy(() -> provider().chat(request(unknownModel()), t -> { }, Cancellation.none()))
                .isInstanceOfSatisfying(ProviderException.class, e -> {
                    assertThat(e.error().kind()).isEqualTo(ChatError.Kind.UNKNOWN_MODEL);
                    assertThat(e.error().oneLine()).contains(unknownModel());
                });
    }

    @Test
    void chat_cancelledMidStream_endsWithCancelled() throws Exception {
        var cancellation = new Cancellation();
        var firstToken = new CountDownLatch(1);
        var tokens = new CopyOnWriteArrayList<String>();
        var outcome = new CompletableFuture<ProviderResponse>();
        Thread.ofVirtual().start(() -> {
            try {
                outcome.complete(endlessProvider().chat(request(model()), t -> { tokens.add(t); firstToken.countDown(); }, cancellation));
            } catch (Throwable t) {
                outcome.completeExceptionally(t);
            }
        });
        assertThat(firstToken.await(10, TimeUnit.SECONDS)).as("a first token").isTrue();
        cancellation.cancel();
        assertThatThrownBy(() -> outcome.get(10, TimeUnit.SECONDS))
                .isInstanceOf(ExecutionException.class).hasCauseInstanceOf(Cancellation.CancelledException.class);
        assertThat(tokens).isNotEmpty();
    }

    @Test
    void defaultTemperature_isAValidTemperature() {
        assertThat(provider().defaultTemperature()).isBetween(0.0, 2.0);
        assertThat(provider().defaultTopP()).isBetween(0.0, 1.0);
    }
}
