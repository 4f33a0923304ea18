package dev.cachet.engine.provider;

import dev.cachet.engine.catalogue.ModelCatalogue;
import dev.cachet.engine.catalogue.ModelSpec;
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
import dev.cachet.engine.provider.http.RateLimits;
import dev.cachet.engine.provider.http.StreamWatch;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.http.client.HttpClientBuilder;
import dev.langchain4j.model.chat.StreamingChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.request.ChatRequestParameters;
import dev.langchain4j.model.chat.request.DefaultChatRequestParameters;
import dev.langchain4j.model.chat.request.ResponseFormat;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.output.TokenUsage;

import java.net.http.HttpClient;
import java.time.Duration;
import java.time.InstantSource;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A model server reached through a langchain4j streaming chat model. Each call builds the model over
 * a fresh {@link Exchange}, runs it on its own virtual thread and watches it from the caller's thread:
 * no first token (answer or thinking) within {@code firstTokenTimeout}, or silence longer than
 * {@code timeout} once streaming, aborts the exchange with TIMEOUT (keeping the partial text);
 * cancellation aborts it too. Whether the answer is complete, and why it stopped, is read from the
 * stream itself by the protocol's {@link StreamWatch}: an answer counts only when the protocol said it
 * was whole.
 */
abstract class StreamingProvider implements ChatProvider {

    private static final ThreadFactory STREAMS = VirtualThreads.factory("provider-stream");

    protected final ProviderConfig config;
    protected final Environment environment;
    protected final InstantSource clock;
    private final Duration connectTimeout;
    private HttpClient http; // built on first call: building one initialises TLS (~0.3 s), not wanted at start-up
    protected final ChatErrorTranslator errors;
    protected final ModelCatalogue catalogue;

    StreamingProvider(ProviderConfig config, Environment environment, InstantSource clock, ModelCatalogue catalogue,
                      ChatErrorTranslator.Target target) {
        this.config = config;
        this.catalogue = catalogue;
        this.environment = environment;
        this.clock = clock;
        Duration connectLimit = config.resilience().timeouts().connect();
        Duration connect = config.firstTokenTimeout().compareTo(connectLimit) < 0 ? config.firstTokenTimeout() : connectLimit;
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

    @Override public String kind() { return config.kind(); }

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

    /** A fresh reader of this protocol's stream events, for one exchange. */
    protected abstract StreamWatch newWatch();

    /** The stop reason as this server sends it, mapped; null (no reason sent) means the end marker alone ended it. */
    protected abstract FinishReason finish(String stopReason);

    /** Protocol facts worth a trace line (e.g. Ollama's model load time); none by default. */
    protected Map<String, String> details(StreamWatch watch) { return Map.of(); }

    @Override
    public final ProviderResponse chat(ProviderRequest request, TokenListener tokens, Cancellation cancellation)
            throws ProviderException, InterruptedException {
        String key = apiKey();
        cancellation.throwIfCancelled();
        ModelSpec spec = catalogue.spec(kind(), request.model());
        ModelSpec.Fitted fitted;
        try {
            fitted = spec.fit(request.params());
        } catch (IllegalArgumentException e) {
            throw new ProviderException(new ChatError(ChatError.Kind.BAD_REQUEST, e.getMessage(),
                    "change the parameter, or the model's entry in models.yaml"));
        }
        var lcRequest = toLangChain(request.messages(), parameters(request, fitted.params(), spec));
        Duration firstTokenTimeout = spec.firstTokenTimeout() != null && spec.firstTokenTimeout().compareTo(config.firstTokenTimeout()) > 0
                ? spec.firstTokenTimeout() : config.firstTokenTimeout();
        var exchange = new Exchange(System::nanoTime);
        var watch = newWatch();
        var client = new ExchangeHttpClient(http(), exchange, watch);
        StreamingChatModel model = model(request.model(), key, client.builder());
        var answer = new AnswerCollector(exchange, tokens);
        cancellation.onCancel(() -> exchange.abort(Exchange.Abort.CANCELLED));
        // The exchange runs synchronously inside chat(): when it returns, every callback has run.
        var over = new CompletableFuture<Void>();
        STREAMS.newThread(() -> {
            try {
                model.chat(lcRequest, answer);
            } catch (Throwable t) {
                answer.failed(t);
            } finally {
                over.complete(null);
            }
        }).start();

        try {
            await(over, exchange, answer, firstTokenTimeout);
        } catch (InterruptedException e) {
            exchange.abort(Exchange.Abort.CANCELLED);
            throw e;
        }
        if (cancellation.isCancelled()) throw new Cancellation.CancelledException();
        if (exchange.aborted() == Exchange.Abort.TIMED_OUT) {
            Duration total = config.resilience().timeouts().total();
            boolean overTotal = total.isPositive() && System.nanoTime() - exchange.startedNanos() >= total.toNanos();
            ChatError timeout = overTotal ? new ChatError(ChatError.Kind.TIMEOUT, "no complete answer from " + request.model()
                    + " within the total limit of " + ChatErrorTranslator.seconds(total), "raise the provider's timeouts.total")
                    : answer.started() ? errors.timeoutStalled(request.model(), config.timeout())
                    : errors.timeoutFirstToken(request.model(), firstTokenTimeout);
            throw new ProviderException(timeout, answer.text(), null);
        }
        var limits = RateLimits.parse(exchange.headers(), clock.instant());
        if (answer.error() != null || !watch.answerComplete()) throw failure(exchange, watch, answer, request.model(), key, spec, limits);
        return answered(request, answer, watch, exchange, spec, fitted, limits);
    }

    /** Why the exchange gave no complete answer, translated: the cause may quote the request or the key, so it stays here. */
    private ProviderException failure(Exchange exchange, StreamWatch watch, AnswerCollector answer, String model, String key,
                                      ModelSpec spec, RateLimits limits) {
        ChatError error = errors.translate(exchange, watch, answer.error(), model, key, clock.instant());
        String retirement = spec.retirement(LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC));
        if (error.kind() == ChatError.Kind.UNKNOWN_MODEL && retirement != null) {
            error = new ChatError(error.kind(), error.message() + ": " + retirement, "choose another model in Settings or the model picker");
        }
        return new ProviderException(error, answer.text(), null, limits);
    }

    /** The complete answer, with what the trace should show about how it was asked for and how it ended. */
    private ProviderResponse answered(ProviderRequest request, AnswerCollector answer, StreamWatch watch, Exchange exchange,
                                      ModelSpec spec, ModelSpec.Fitted fitted, RateLimits limits) {
        ChatResponse response = answer.response();
        String text = answer.text();
        if (text.isEmpty() && response != null && response.aiMessage() != null && response.aiMessage().text() != null) {
            text = response.aiMessage().text();
        }
        var details = new LinkedHashMap<String, String>(fitted.notes());
        Integer maxTokens = spec.maxTokensFor(fitted.params());
        if (maxTokens != null) {
            details.put("maxTokens", maxTokens + " (" + spec.tokensField() + (fitted.params().maxTokens() == null ? ", catalogue default)" : ")"));
        }
        Boolean think = spec.thinkFor(fitted.params());
        if (think != null) details.put("think", think.toString());
        if (watch.stopReason() != null) details.put("stopReason", watch.stopReason());
        if (!watch.endMarkerSeen()) {
            details.put("streamEnd", exchange.lostAfterAnswer() != null
                    ? "connection lost after the answer was complete (" + exchange.lostAfterAnswer().getMessage() + ")"
                    : "ended after the stop reason without " + watch.endMarkerName());
        }
        details.putAll(details(watch));
        Usage usage = usage(watch, response, request, text, details);
        return new ProviderResponse(text, usage, finishOf(watch), answer.thinking(), details, limits);
    }

    private FinishReason finishOf(StreamWatch watch) {
        return watch.stopReason() == null ? FinishReason.STOP : finish(watch.stopReason());
    }

    /** Waits for the stream to end, aborting it when the first-token or idle timeout passes. */
    private void await(CompletableFuture<Void> over, Exchange exchange, AnswerCollector answer, Duration firstTokenTimeout)
            throws InterruptedException {
        while (true) {
            long now = System.nanoTime();
            long deadline = answer.started()
                    ? exchange.lastActivityNanos() + config.timeout().toNanos()
                    : exchange.startedNanos() + firstTokenTimeout.toNanos();
            Duration total = config.resilience().timeouts().total();
            if (total.isPositive()) deadline = Math.min(deadline, exchange.startedNanos() + total.toNanos());
            long left = deadline - now;
            if (left <= 0) {
                // The worker notices the abort at once; its outcome no longer matters.
                exchange.abort(Exchange.Abort.TIMED_OUT);
                return;
            }
            try {
                over.get(Math.min(left, TimeUnit.MILLISECONDS.toNanos(250)), TimeUnit.NANOSECONDS);
                return;
            } catch (TimeoutException stillRunning) {
                if (exchange.aborted() == Exchange.Abort.CANCELLED) return;
            } catch (ExecutionException cannotHappen) {
                return; // the worker completes normally in its finally block
            }
        }
    }

    static ChatRequest toLangChain(List<ChatMessage> conversation, ChatRequestParameters parameters) throws ProviderException {
        var messages = new ArrayList<dev.langchain4j.data.message.ChatMessage>();
        for (ChatMessage m : conversation) {
            messages.add(switch (m.role()) {
                case SYSTEM -> SystemMessage.from(m.content());
                case USER -> UserMessage.from(m.content());
                case ASSISTANT -> AiMessage.from(m.content());
                case TOOL -> throw new ProviderException(new ChatError(ChatError.Kind.BAD_REQUEST,
                        "tool messages are not supported by the provider adapters yet", "remove tool results from the conversation"));
            });
        }
        return ChatRequest.builder().messages(messages).parameters(parameters).build();
    }

    /**
     * The request parameters for this API, already fitted to the model: a fixed temperature is not sent,
     * max tokens is the request's or the catalogue's default. Providers with their own parameters
     * (OpenAI's max_completion_tokens, Ollama's think) override this and start from {@link #common}.
     */
    /** Parameters for one request; servers that take more than the common ones (Ollama's context window) override this. */
    protected ChatRequestParameters parameters(ProviderRequest request, ChatParams p, ModelSpec spec) {
        return parameters(request.model(), p, spec);
    }

    protected ChatRequestParameters parameters(String model, ChatParams p, ModelSpec spec) {
        var b = DefaultChatRequestParameters.builder();
        common(b, model, p, spec);
        return b.build();
    }

    protected static void common(DefaultChatRequestParameters.Builder<?> b, String model, ChatParams p, ModelSpec spec) {
        b.modelName(model);
        if (spec.fixedTemperature() == null) {
            b.temperature(p.temperature());
            b.topP(p.topP());
        }
        b.maxOutputTokens(spec.maxTokensFor(p));
        if (!p.stop().isEmpty()) b.stopSequences(p.stop());
        if ("json_object".equals(p.responseFormat())) b.responseFormat(ResponseFormat.JSON);
    }

    /** Usage as the stream reported it, else as langchain4j kept it, else estimated (and the trace says so). */
    private static Usage usage(StreamWatch watch, ChatResponse response, ProviderRequest request, String answer,
                               Map<String, String> details) {
        TokenUsage u = response == null || response.metadata() == null ? null : response.metadata().tokenUsage();
        Integer in = watch.inputTokens() != null ? watch.inputTokens() : u == null ? null : u.inputTokenCount();
        Integer out = watch.outputTokens() != null ? watch.outputTokens() : u == null ? null : u.outputTokenCount();
        if (in == null || out == null) details.put("usage", "estimated: the server reported no token counts");
        return new Usage(in != null ? in : SimulatorProvider.estimateTokens(request.messages()),
                out != null ? out : Math.max(1, answer.length() / 4));
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

    /** The ids the catalogue does not mark as non-chat models (embeddings, speech, images): what the picker offers. */
    protected final List<String> chatModels(List<String> ids) {
        return ids.stream().filter(id -> catalogue.spec(kind(), id).isChatModel()).toList();
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
