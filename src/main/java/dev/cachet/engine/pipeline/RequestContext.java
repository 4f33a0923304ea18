package dev.cachet.engine.pipeline;

import dev.cachet.engine.chat.ChatRequest;
import dev.cachet.engine.chat.TokenListener;
import dev.cachet.engine.provider.ResolvedModel;
import dev.cachet.engine.trace.Trace;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** The state of one request as it passes through the stages. */
public final class RequestContext {

    private final Trace trace;
    private final TokenListener tokens;
    private final Cancellation cancellation;
    private final Map<ContextKey<?>, Object> attributes = new ConcurrentHashMap<>();
    private volatile ChatRequest request;
    private volatile ResolvedModel model;

    public RequestContext(ChatRequest request, Trace trace, TokenListener tokens, Cancellation cancellation) {
        this.request = request;
        this.trace = trace;
        this.tokens = tokens;
        this.cancellation = cancellation;
    }

    public ChatRequest request() { return request; }

    /** Replaces the request (a render stage turns template + variables into messages). */
    public void request(ChatRequest rendered) { this.request = rendered; }

    /** The provider and model this request goes to; set by the resolve stage, before any cache. */
    public ResolvedModel model() {
        if (model == null) throw new IllegalStateException("model not resolved yet: the resolve stage must run first");
        return model;
    }

    public void model(ResolvedModel resolved) { this.model = resolved; }

    public Trace trace() { return trace; }
    public TokenListener tokens() { return tokens; }
    public Cancellation cancellation() { return cancellation; }

    public <T> void put(ContextKey<T> key, T value) { attributes.put(key, value); }

    public <T> Optional<T> get(ContextKey<T> key) {
        return Optional.ofNullable(attributes.get(key)).map(key.type()::cast);
    }
}
