package dev.cachet.engine.provider;

import dev.cachet.engine.chat.ChatError;
import dev.cachet.engine.chat.ChatMessage;
import dev.cachet.engine.chat.ChatParams;
import dev.cachet.engine.chat.FinishReason;
import dev.cachet.engine.chat.TokenListener;
import dev.cachet.engine.chat.Usage;
import dev.cachet.engine.config.Environment;
import dev.cachet.engine.config.ProviderConfig;
import dev.cachet.engine.exec.VirtualThreads;
import dev.cachet.engine.pipeline.Cancellation;
import dev.cachet.engine.provider.http.Exchange;
import dev.cachet.engine.provider.http.ExchangeHttpClient;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.http.client.HttpClientBuilder;
import dev.langchain4j.model.chat.StreamingChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.request.DefaultChatRequestParameters;
import dev.langchain4j.model.chat.request.ResponseFormat;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.chat.response.StreamingChatResponseHandler;
import dev.langchain4j.model.output.TokenUsage;

import java.net.http.HttpClient;
import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A model server reached through a langchain4j streaming chat model. Each call builds the model over
 * a fresh {@link Exchange}, runs it on its own virtual thread and watches it from the caller's thread:
 * no first token within {@code firstTokenTimeout}, or silence longer than {@code timeout} once
 * streaming, aborts the exchange with TIMEOUT (keeping the partial text); cancellation aborts it too.
 */
abstract class StreamingProvider implements ChatProvider {

    private static final ThreadFactory STREAMS = VirtualThreads.factory("provider-stream");

    protected final ProviderConfig config;
    protected final Environment environment;
    protected final InstantSource clock;
    private final Duration connectTimeout;
    private HttpClient http; // built on first call: building one initialises TLS (~0.3 s), not wanted at start-up
    protected final ChatErrorTranslator errors;

    StreamingProvider(ProviderConfig config, Environment environment, InstantSource clock, ChatErrorTranslator.Target target) {
        this.config = config;
        this.environment = environment;
        this.clock = clock;
        Duration connect = config.firstTokenTimeout().compareTo(Duration.ofSeconds(10)) < 0 ? config.firstTokenTimeout() : Duration.ofSeconds(10);
        this.connectTimeout = connect;
        this.errors = new ChatErrorTranslator(target);
    }

    private synchronized HttpClient http() {
        // HTTP/1.1: a cancelled stream then closes its connection (verified by test); no pooled h2c upgrade surprises on local servers.
        if (http == null) {
            http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(connectTimeout)
                    .executor(VirtualThreads.perTask("provider-http")).build();
        }
        return http;
    }

    /** Whether this server needs an API key (OpenAI-compatible local servers do not). */
    protected abstract boolean needsKey();

    /** The langchain4j model for one call. {@code apiKey} is null when none is needed. */
    protected abstract StreamingChatModel model(String modelName, String apiKey, HttpClientBuilder httpClient);

    @Override public String id() { return config.id(); }

    public ProviderConfig config() { return config; }

    /** The API key, read now from the environment; MISSING_API_KEY before any network call. */
    protected final String apiKey() throws ProviderException {
        if (config.apiKeyEnv() == null || config.apiKeyEnv().isBlank()) {
            if (needsKey()) throw new ProviderException(errors.missingKey(config.id()));
            return null;
        }
        Optional<String> key = environment.get(config.apiKeyEnv());
        if (key.isEmpty()) {
            if (needsKey()) throw new ProviderException(errors.missingKey(config.id()));
            return null;
        }
        return key.get();
    }

    @Override
    public final ProviderResponse chat(ProviderRequest request, TokenListener tokens, Cancellation cancellation)
            throws ProviderException, InterruptedException {
        String key = apiKey();
        cancellation.throwIfCancelled();
        var lcRequest = adapt(toLangChain(request), request);
        var exchange = new Exchange(System::nanoTime);
        var client = new ExchangeHttpClient(http(), exchange);
        StreamingChatModel model = model(request.model(), key, client.builder());

        var done = new CompletableFuture<ChatResponse>();
        var text = new StringBuilder();
        var firstToken = new java.util.concurrent.atomic.AtomicBoolean();
        StreamingChatResponseHandler handler = new StreamingChatResponseHandler() {
            @Override public void onPartialResponse(String token) {
                if (exchange.aborted() != null || done.isDone() || token == null || token.isEmpty()) return;
                exchange.markActivity();
                firstToken.set(true);
                synchronized (text) { text.append(token); }
                tokens.onToken(token);
            }
            @Override public void onCompleteResponse(ChatResponse response) { done.complete(response); }
            @Override public void onError(Throwable error) { done.completeExceptionally(error); }
        };
        cancellation.onCancel(() -> exchange.abort(Exchange.Abort.CANCELLED));
        STREAMS.newThread(() -> {
            try {
                model.chat(lcRequest, handler);
            } catch (Throwable t) {
                done.completeExceptionally(t);
            }
        }).start();

        ChatResponse response = null;
        Throwable failure = null;
        try {
            response = await(done, exchange, firstToken);
        } catch (ExecutionException e) {
            failure = e.getCause();
        } catch (InterruptedException e) {
            exchange.abort(Exchange.Abort.CANCELLED);
            throw e;
        }
        String partial;
        synchronized (text) { partial = text.toString(); }
        if (cancellation.isCancelled()) throw new Cancellation.CancelledException();
        if (exchange.aborted() == Exchange.Abort.TIMED_OUT) {
            ChatError timeout = firstToken.get() ? errors.timeoutStalled(request.model(), config.timeout())
                    : errors.timeoutFirstToken(request.model(), config.firstTokenTimeout());
            throw new ProviderException(timeout, partial, null);
        }
        if (failure != null) {
            // The cause may quote the request or response; only the translated error travels on.
            throw new ProviderException(errors.translate(exchange, failure, request.model(), key, clock.instant()), partial, null);
        }
        String answer = partial.isEmpty() && response.aiMessage() != null && response.aiMessage().text() != null
                ? response.aiMessage().text() : partial;
        return new ProviderResponse(answer, usage(response, request, answer), finish(response));
    }

    /** Waits for the stream to end, aborting it when the first-token or idle timeout passes. */
    private ChatResponse await(CompletableFuture<ChatResponse> done, Exchange exchange,
                               java.util.concurrent.atomic.AtomicBoolean firstToken)
            throws ExecutionException, InterruptedException {
        while (true) {
            long now = System.nanoTime();
            long deadline = firstToken.get()
                    ? exchange.lastActivityNanos() + config.timeout().toNanos()
                    : exchange.startedNanos() + config.firstTokenTimeout().toNanos();
            long left = deadline - now;
            if (left <= 0) {
                exchange.abort(Exchange.Abort.TIMED_OUT);
                // The worker notices the abort at once; its outcome no longer matters.
                throw new ExecutionException(new TimeoutException("stream timed out"));
            }
            try {
                return done.get(Math.min(left, TimeUnit.MILLISECONDS.toNanos(250)), TimeUnit.NANOSECONDS);
            } catch (TimeoutException stillRunning) {
                if (exchange.aborted() == Exchange.Abort.CANCELLED) throw new ExecutionException(stillRunning);
            }
        }
    }

    /** Adds what only this server's API takes (Ollama: the context window); the generic request by default. */
    protected ChatRequest adapt(ChatRequest generic, ProviderRequest request) { return generic; }

    static ChatRequest toLangChain(ProviderRequest request) throws ProviderException {
        var messages = new ArrayList<dev.langchain4j.data.message.ChatMessage>();
        for (ChatMessage m : request.messages()) {
            messages.add(switch (m.role()) {
                case SYSTEM -> SystemMessage.from(m.content());
                case USER -> UserMessage.from(m.content());
                case ASSISTANT -> AiMessage.from(m.content());
                case TOOL -> throw new ProviderException(new ChatError(ChatError.Kind.BAD_REQUEST,
                        "tool messages are not supported by the provider adapters yet", "remove tool results from the conversation"));
            });
        }
        ChatParams p = request.params();
        var params = DefaultChatRequestParameters.builder()
                .modelName(request.model())
                .temperature(p.temperature())
                .topP(p.topP())
                .maxOutputTokens(p.maxTokens());
        if (!p.stop().isEmpty()) params.stopSequences(p.stop());
        if ("json_object".equals(p.responseFormat())) params.responseFormat(ResponseFormat.JSON);
        return ChatRequest.builder().messages(messages).parameters(params.build()).build();
    }

    private static Usage usage(ChatResponse response, ProviderRequest request, String answer) {
        TokenUsage u = response.metadata() == null ? null : response.metadata().tokenUsage();
        int in = u != null && u.inputTokenCount() != null ? u.inputTokenCount() : SimulatorProvider.estimateTokens(request.messages());
        int out = u != null && u.outputTokenCount() != null ? u.outputTokenCount() : Math.max(1, answer.length() / 4);
        return new Usage(in, out);
    }

    private static FinishReason finish(ChatResponse response) {
        var reason = response.finishReason();
        if (reason == null) return FinishReason.STOP;
        return switch (reason) {
            case STOP -> FinishReason.STOP;
            case LENGTH -> FinishReason.LENGTH;
            case TOOL_EXECUTION -> FinishReason.TOOL_CALLS;
            case CONTENT_FILTER -> FinishReason.CONTENT_FILTER;
            case OTHER -> FinishReason.STOP;
        };
    }

    private static final com.fasterxml.jackson.databind.ObjectMapper JSON = new com.fasterxml.jackson.databind.ObjectMapper();
    private static final Duration LIST_TIMEOUT = Duration.ofSeconds(2);

    /** GETs a JSON document with a short timeout; the list of models must never hold up start-up. */
    protected final com.fasterxml.jackson.databind.JsonNode getJson(String url, java.util.Map<String, String> headers) {
        try {
            var builder = java.net.http.HttpRequest.newBuilder(java.net.URI.create(url)).timeout(LIST_TIMEOUT).GET();
            headers.forEach(builder::header);
            var future = http().sendAsync(builder.build(), java.net.http.HttpResponse.BodyHandlers.ofString());
            var response = future.get(LIST_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            if (response.statusCode() / 100 != 2) throw new IllegalStateException("HTTP " + response.statusCode());
            return JSON.readTree(response.body());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted");
        } catch (Exception e) {
            throw new IllegalStateException("cannot list models at " + url, e);
        }
    }

    /** The {@code field} of every element of {@code array}. */
    protected static List<String> names(com.fasterxml.jackson.databind.JsonNode array, String field) {
        var out = new ArrayList<String>();
        for (var node : array) if (node.path(field).isTextual()) out.add(node.path(field).asText());
        return out;
    }

    static String stripSlash(String url) { return url.endsWith("/") ? url.substring(0, url.length() - 1) : url; }

    /** Models from the server (short timeout), else the configured list. */
    protected final List<String> modelsOr(java.util.function.Supplier<List<String>> fromServer) {
        try {
            List<String> fetched = fromServer.get();
            return fetched.isEmpty() ? config.models() : fetched;
        } catch (RuntimeException e) {
            return config.models();
        }
    }

    /**
     * Models from the server, asked with the key (null for keyless servers); the configured list when
     * a needed key is missing or the server does not answer.
     */
    protected final List<String> modelsWithKey(java.util.function.Function<String, List<String>> fromServer) {
        String key;
        try {
            key = apiKey();
        } catch (ProviderException missingKey) {
            return config.models();
        }
        return modelsOr(() -> fromServer.apply(key));
    }
}
