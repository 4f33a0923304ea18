package dev.cachet.engine.provider;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cachet.engine.chat.ChatError;
import dev.cachet.engine.config.Environment;
import dev.cachet.engine.config.ProviderConfig;
import dev.cachet.engine.pipeline.Cancellation;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.ServerSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assumptions.assumeThat;

/**
 * The contract plus what an HTTP adapter must do against a faithful server: send the right request,
 * translate every refusal, time out stalled streams, close cancelled connections, keep keys secret.
 */
abstract class HttpProviderContract extends ChatProviderContract {

    static final String KEY = "sk-test-0123456789abcdefghijklmnopqrstuvwxyz-supercret";
    static final Duration PATIENT = Duration.ofSeconds(10);

    protected RecordedServer server;

    /** Recordings folder under recordings/. */
    protected abstract String dir();

    /** Path the adapter posts chat requests to, relative to the server root. */
    protected abstract String chatPath();

    /** Path of the model list. */
    protected abstract String modelsPath();

    /** The base URL as configured (may carry /v1). */
    protected abstract String baseUrl(String serverRoot);

    /** Env variable of the key, or null when the server takes none. */
    protected abstract String keyEnv();

    protected abstract ChatProvider create(ProviderConfig config, Environment environment);

    /** Chunk index of the first token chunk, and how many chunks carry two tokens' worth. */
    protected abstract int firstTokenChunk();

    /** Checks the JSON body the adapter sent for {@link #request(String)}. */
    protected abstract void assertSentBody(JsonNode body);

    /** Checks the authentication header sent. */
    protected abstract void assertSentKey(RecordedServer.Received received);

    /** A stream that ends cleanly before the protocol's end marker, after "The answer is ". */
    protected abstract String cutRecording();

    /** A stream that carries an error after "The answer is ". */
    protected abstract String errorMidStreamRecording();

    /** A stream that stops at the output limit. */
    protected abstract String lengthRecording();

    /** How the server says "too many requests"; {@link #rateLimitAdvisesWait()} whether it says how long to wait. */
    protected String rateLimitedRecording() { return "rate-limited.http"; }
    protected boolean rateLimitAdvisesWait() { return true; }

    @BeforeEach void startServer() {
        server = new RecordedServer()
                .route(chatPath(), RecordedServer.Reply.of(dir() + "/stream.http"))
                .route(modelsPath(), RecordedServer.Reply.of(dir() + "/models.http"));
    }

    @AfterEach void stopServer() { server.close(); }

    protected ChatProvider provider(Duration firstToken, Duration idle) {
        var config = new ProviderConfig(dir(), dir(), baseUrl(server.baseUrl()), keyEnv(), model(), List.of("configured-model"),
                Map.of(), idle, firstToken);
        return create(config, keyEnv() == null ? Environment.of(Map.of()) : Environment.of(Map.of(keyEnv(), KEY)));
    }

    @Override protected ChatProvider provider() { return provider(PATIENT, PATIENT); }

    @Override protected String unknownModel() { return "no-such-model"; }

    @Override protected ChatProvider endlessProvider() {
        server.route(chatPath(), RecordedServer.Reply.of(dir() + "/stream.http").endlessFrom(firstTokenChunk()));
        return provider();
    }

    @Override @Test
    void chat_unknownModel_isUnknownModelNamingIt() {
        server.route(chatPath(), RecordedServer.Reply.of(dir() + "/unknown-model.http"));
        ChatError error = failure(provider(), request(unknownModel()));
        assertThat(error.kind()).isEqualTo(ChatError.Kind.UNKNOWN_MODEL);
        assertThat(error.oneLine()).contains(unknownModel()).contains(server.baseUrl());
    }

    @Test
    void chat_sendsModelMessagesParamsAndStreamTrue() throws Exception {
        provider().chat(request(model()), t -> { }, Cancellation.none());
        RecordedServer.Received sent = server.last();
        assertThat(sent.method()).isEqualTo("POST");
        assertThat(sent.path()).isEqualTo(chatPath());
        JsonNode body = new ObjectMapper().readTree(sent.body());
        assertThat(body.path("model").asText()).isEqualTo(model());
        assertThat(body.path("stream").asBoolean()).isTrue();
        assertSentBody(body);
        assertSentKey(sent);
    }

    @Test
    void chat_tokensArriveIncrementally_beforeTheStreamEnds() throws Exception {
        // The stream stalls after two tokens: both must have reached the listener while it is still open.
        server.route(chatPath(), RecordedServer.Reply.of(dir() + "/stream.http").stallingAfter(firstTokenChunk() + 2));
        var twoTokens = new CountDownLatch(2);
        var tokens = new CopyOnWriteArrayList<String>();
        var cancellation = new Cancellation();
        var done = new CompletableFuture<Void>();
        Thread.ofVirtual().start(() -> {
            try {
                provider().chat(request(model()), t -> { tokens.add(t); twoTokens.countDown(); }, cancellation);
            } catch (Throwable ignored) {
                // cancelled below
            } finally {
                done.complete(null);
            }
        });
        assertThat(twoTokens.await(10, TimeUnit.SECONDS)).isTrue();
        assertThat(tokens).containsExactly("Caching", " saves");
        assertThat(done).isNotDone();
        cancellation.cancel();
        done.get(10, TimeUnit.SECONDS);
    }

    @Test
    void chat_tooManyRequests_isRateLimited_withTheAdvisedWait() {
        server.route(chatPath(), RecordedServer.Reply.of(dir() + "/" + rateLimitedRecording()));
        ChatError error = failure(provider(), request(model()));
        assertThat(error.kind()).isEqualTo(ChatError.Kind.RATE_LIMITED);
        assertThat(error.kind().transientFailure()).isTrue();
        if (rateLimitAdvisesWait()) assertThat(error.retryAfter()).isNotNull();
        else assertThat(error.retryAfter()).isNull();
    }

    @Test
    void chat_streamEndsBeforeItsEndMarker_isIncompleteAtOnce_keepingThePartialText() {
        server.route(chatPath(), RecordedServer.Reply.of(dir() + "/" + cutRecording()));
        // Idle timeout 10 s: an INCOMPLETE (not a TIMEOUT) shows the end of the body was noticed, not waited out.
        assertThatThrownBy(() -> provider().chat(request(model()), t -> { }, Cancellation.none()))
                .isInstanceOfSatisfying(ProviderException.class, e -> {
                    assertThat(e.error().kind()).isEqualTo(ChatError.Kind.INCOMPLETE);
                    assertThat(e.error().message()).contains("incomplete").contains(model());
                    assertThat(e.partialText()).isEqualTo("The answer is ");
                });
    }

    @Test
    void chat_errorInsideTheStream_isAFailure_keepingThePartialText() {
        server.route(chatPath(), RecordedServer.Reply.of(dir() + "/" + errorMidStreamRecording()));
        assertThatThrownBy(() -> provider().chat(request(model()), t -> { }, Cancellation.none()))
                .isInstanceOfSatisfying(ProviderException.class, e -> {
                    assertThat(e.error().kind()).isEqualTo(ChatError.Kind.SERVER_ERROR);
                    assertThat(e.error().message()).contains("mid-stream");
                    assertThat(e.partialText()).isEqualTo("The answer is ");
                });
    }

    @Test
    void chat_connectionResetMidStream_isUnreachable() {
        server.route(chatPath(), RecordedServer.Reply.of(dir() + "/stream.http").resettingAfter(firstTokenChunk() + 2));
        ChatError error = failure(provider(), request(model()));
        assertThat(error.kind()).isEqualTo(ChatError.Kind.UNREACHABLE);
        assertThat(error.message()).contains(server.baseUrl());
    }

    @Test
    void chat_stoppedAtTheOutputLimit_isLength() throws Exception {
        server.route(chatPath(), RecordedServer.Reply.of(dir() + "/" + lengthRecording()));
        ProviderResponse response = provider().chat(request(model()), t -> { }, Cancellation.none());
        assertThat(response.finish()).isEqualTo(dev.cachet.engine.chat.FinishReason.LENGTH);
        assertThat(response.text()).isEqualTo("Caching saves repeated");
    }

    @Test
    void chat_500_isServerError() {
        server.route(chatPath(), RecordedServer.Reply.of(dir() + "/server-error.http"));
        ChatError error = failure(provider(), request(model()));
        assertThat(error.kind()).isEqualTo(ChatError.Kind.SERVER_ERROR);
        assertThat(error.kind().transientFailure()).isTrue();
        assertThat(error.oneLine()).contains("500");
    }

    @Test
    void chat_stalledStream_isTimeout_keepingThePartialText() {
        server.route(chatPath(), RecordedServer.Reply.of(dir() + "/stream.http").stallingAfter(firstTokenChunk() + 2));
        var tokens = new CopyOnWriteArrayList<String>();
        assertThatThrownBy(() -> provider(PATIENT, Duration.ofMillis(300)).chat(request(model()), tokens::add, Cancellation.none()))
                .isInstanceOfSatisfying(ProviderException.class, e -> {
                    assertThat(e.error().kind()).isEqualTo(ChatError.Kind.TIMEOUT);
                    assertThat(e.error().message()).contains("stopped streaming");
                    assertThat(e.partialText()).isEqualTo("Caching saves");
                });
        assertThat(tokens).containsExactly("Caching", " saves");
    }

    @Test
    void chat_noFirstToken_isTimeout() {
        server.route(chatPath(), RecordedServer.Reply.of(dir() + "/stream.http").stallingAfter(0));
        ChatError error = failure(provider(Duration.ofMillis(300), PATIENT), request(model()));
        assertThat(error.kind()).isEqualTo(ChatError.Kind.TIMEOUT);
        assertThat(error.message()).contains("first-token timeout");
    }

    @Test
    void chat_unreachablePort_isUnreachableNamingTheUrl() throws Exception {
        int port;
        try (var socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            port = socket.getLocalPort();
        }
        var config = new ProviderConfig(dir(), dir(), baseUrl("http://127.0.0.1:" + port), keyEnv(), model(), List.of(), Map.of(), PATIENT, PATIENT);
        var provider = create(config, keyEnv() == null ? Environment.of(Map.of()) : Environment.of(Map.of(keyEnv(), KEY)));
        ChatError error = failure(provider, request(model()));
        assertThat(error.kind()).isEqualTo(ChatError.Kind.UNREACHABLE);
        assertThat(error.message()).startsWith("cannot reach ").contains("http://127.0.0.1:" + port);
    }

    @Test
    void chat_missingKey_isMissingApiKeyNamingTheVariable_beforeAnyRequest() {
        assumeThat(keyEnv()).isNotNull();
        var config = new ProviderConfig(dir(), dir(), baseUrl(server.baseUrl()), keyEnv(), model(), List.of(), Map.of(), PATIENT, PATIENT);
        ChatError error = failure(create(config, Environment.of(Map.of())), request(model()));
        assertThat(error.kind()).isEqualTo(ChatError.Kind.MISSING_API_KEY);
        assertThat(error.oneLine()).contains(keyEnv());
        assertThat(server.received()).isEmpty();
    }

    @Test
    void chat_rejectedKey_isAuthentication_andTheKeyAppearsNowhere() {
        assumeThat(keyEnv()).isNotNull();
        server.route(chatPath(), RecordedServer.Reply.of(dir() + "/unauthorized.http"));
        assertThatThrownBy(() -> provider().chat(request(model()), t -> { }, Cancellation.none()))
                .isInstanceOfSatisfying(ProviderException.class, e -> {
                    assertThat(e.error().kind()).isEqualTo(ChatError.Kind.AUTHENTICATION);
                    assertThat(e.error().oneLine()).contains(keyEnv());
                    assertNoKey(e);
                });
    }

    @Test
    void errors_neverContainTheKey() {
        for (String recording : List.of(rateLimitedRecording(), "server-error.http", "unknown-model.http", errorMidStreamRecording())) {
            server.route(chatPath(), RecordedServer.Reply.of(dir() + "/" + recording));
            assertThatThrownBy(() -> provider().chat(request(model()), t -> { }, Cancellation.none()))
                    .isInstanceOfSatisfying(ProviderException.class, this::assertNoKey);
        }
    }

    @Test
    void chat_cancelled_closesTheConnection() throws Exception {
        ChatProvider provider = endlessProvider();
        var cancellation = new Cancellation();
        var firstToken = new CountDownLatch(1);
        Thread.ofVirtual().start(() -> {
            try {
                provider.chat(request(model()), t -> firstToken.countDown(), cancellation);
            } catch (Throwable ignored) {
                // Cancelled
            }
        });
        assertThat(firstToken.await(10, TimeUnit.SECONDS)).isTrue();
        cancellation.cancel();
        assertThat(server.awaitClientClosed(10)).as("server saw the connection closed").isTrue();
    }

    @Test
    void models_comeFromTheServer() throws Exception {
        assertThat(provider().models()).hasSizeGreaterThanOrEqualTo(2).doesNotContain("configured-model");
    }

    @Test
    void models_fallBackToTheConfiguredList_whenTheServerDoesNotAnswer() throws Exception {
        server.route(modelsPath(), RecordedServer.Reply.of(dir() + "/server-error.http"));
        assertThat(provider().models()).containsExactly("configured-model");
    }

    private void assertNoKey(Throwable e) {
        var texts = new ArrayList<String>();
        for (Throwable t = e; t != null; t = t.getCause()) {
            texts.add(String.valueOf(t));
            for (var frame : t.getStackTrace()) texts.add(frame.toString());
        }
        if (e instanceof ProviderException pe) {
            texts.add(pe.error().toString());
            texts.add(pe.partialText());
        }
        assertThat(texts).noneMatch(s -> s.contains(KEY) || s.contains("supercret"));
    }

    protected static ChatError failure(ChatProvider provider, ProviderRequest request) {
        try {
            provider.chat(request, t -> { }, Cancellation.none());
        } catch (ProviderException e) {
            return e.error();
        } catch (InterruptedException e) {
            throw new AssertionError(e);
        }
        throw new AssertionError("expected a failure");
    }
}
