package dev.cachet.engine.provider;

import dev.cachet.engine.catalogue.ModelSpec;
import dev.cachet.engine.chat.ChatError;
import dev.cachet.engine.chat.ChatParams;
import dev.cachet.engine.chat.ChatRequest;
import dev.cachet.engine.pipeline.RequestContext;
import dev.cachet.engine.pipeline.Stage;
import dev.cachet.engine.pipeline.StageResult;

import java.time.InstantSource;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * Resolves provider and model (aliases applied) before any cache, because both are part of every key,
 * and fits the request's parameters to the model's catalogue entry: what the API would refuse fails
 * here with what to do, a fixed temperature replaces the asked one, and the trace shows the max
 * tokens the request goes out with (its own, or the catalogue's default) and the context window. Then
 * {@code binder} fixes what else a key must hold (the version of a collection the request names); a
 * binder that rejects the request (IllegalArgumentException) fails it with its message.
 */
public final class ResolveStage implements Stage {

    private final ProviderRegistry registry;
    private final InstantSource clock;
    private final UnaryOperator<ChatRequest> binder;

    public ResolveStage(ProviderRegistry registry) { this(registry, InstantSource.system()); }

    public ResolveStage(ProviderRegistry registry, InstantSource clock) { this(registry, clock, UnaryOperator.identity()); }

    public ResolveStage(ProviderRegistry registry, InstantSource clock, UnaryOperator<ChatRequest> binder) {
        this.registry = registry;
        this.clock = clock;
        this.binder = binder;
    }

    @Override public String name() { return "resolve"; }

    @Override public StageResult process(RequestContext ctx) {
        var request = ctx.request();
        ResolvedModel resolved;
        try {
            resolved = registry.resolve(request.provider(), request.model());
        } catch (ProviderException e) {
            return new StageResult.Fail(StageResult.Note.of("failed", e.error().message()), e.error(), "");
        }
        ctx.model(resolved);
        try {
            ChatRequest bound = binder.apply(request);
            if (bound != request) {
                ctx.request(bound);
                request = bound;
            }
        } catch (IllegalArgumentException e) {
            var error = new ChatError(ChatError.Kind.BAD_REQUEST, e.getMessage(), "pick a collection that exists, or none");
            return new StageResult.Fail(StageResult.Note.of("failed", e.getMessage()), error, "");
        }
        String collection = request.retrieval() == null ? "" : ", collection " + request.retrieval().collection() + " v" + request.retrieval().version();
        if (resolved.spec().isUnknown()) return new StageResult.Continue(StageResult.Note.of("resolved", resolved.ref() + collection));
        ModelSpec.Fitted fitted;
        try {
            // Before any cache: the keys must hold what is really sent (a reasoning model's fixed temperature, say).
            fitted = resolved.spec().fit(request.params());
        } catch (IllegalArgumentException e) {
            var error = new ChatError(ChatError.Kind.BAD_REQUEST, e.getMessage(), "change the parameter, or the model's entry in models.yaml");
            return new StageResult.Fail(StageResult.Note.of("failed", e.getMessage()), error, "");
        }
        if (!fitted.params().equals(request.params())) ctx.request(request.withParams(fitted.params()));
        var details = new LinkedHashMap<String, String>(fitted.notes());
        limits(resolved.spec(), request.params(), details);
        return new StageResult.Continue(StageResult.Note.of("resolved", summary(resolved, fitted.params()) + collection, details));
    }

    /** "anthropic/claude-haiku-4-5 · max tokens 8192 (default)": the model and what it was sent with, in one line. */
    private static String summary(ResolvedModel resolved, ChatParams fitted) {
        var sb = new StringBuilder(resolved.ref().toString());
        ModelSpec spec = resolved.spec();
        if (fitted.maxTokens() == null && spec.defaultMaxTokens() != null) sb.append(" · max tokens ").append(spec.defaultMaxTokens()).append(" (default)");
        if (spec.fixedTemperature() != null) sb.append(" · fixed temperature ").append(spec.fixedTemperature());
        Boolean think = spec.thinkFor(fitted);
        if (think != null) sb.append(think ? " · thinking on" : " · thinking off");
        else if (spec.thinking() == ModelSpec.Thinking.ALWAYS) sb.append(" · always thinks");
        return sb.toString();
    }

    /** The limits a person wants to see next to the answer: max tokens (and where it came from), context window. */
    private void limits(ModelSpec spec, ChatParams asked, Map<String, String> details) {
        Integer max = spec.maxTokensFor(asked);
        details.putIfAbsent("maxTokens", max == null ? "not set (the server's default)" : max + (asked.maxTokens() != null ? " (asked)" : ""));
        if (spec.contextWindow() != null) details.put("contextWindow", spec.contextWindow().toString());
        if (spec.retired() != null) details.put("retirement", spec.retirement(LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC)));
    }
}
