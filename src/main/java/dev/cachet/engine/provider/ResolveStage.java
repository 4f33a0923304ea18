package dev.cachet.engine.provider;

import dev.cachet.engine.chat.ChatError;
import dev.cachet.engine.chat.ChatRequest;
import dev.cachet.engine.pipeline.RequestContext;
import dev.cachet.engine.pipeline.Stage;
import dev.cachet.engine.pipeline.StageResult;

import java.util.function.UnaryOperator;

/**
 * Resolves provider and model (aliases applied) before any cache, because both are part of every key;
 * then lets {@code binder} fix what else a key must hold (the version of a collection the request
 * names). A binder that rejects the request (IllegalArgumentException) fails it with its message.
 */
public final class ResolveStage implements Stage {

    private final ProviderRegistry registry;
    private final UnaryOperator<ChatRequest> binder;

    public ResolveStage(ProviderRegistry registry) { this(registry, UnaryOperator.identity()); }

    public ResolveStage(ProviderRegistry registry, UnaryOperator<ChatRequest> binder) {
        this.registry = registry;
        this.binder = binder;
    }

    @Override public String name() { return "resolve"; }

    @Override public StageResult process(RequestContext ctx) {
        var request = ctx.request();
        try {
            ResolvedModel resolved = registry.resolve(request.provider(), request.model());
            ctx.model(resolved);
            ChatRequest bound = binder.apply(request);
            if (bound != request) ctx.request(bound);
            String collection = bound.retrieval() == null ? "" : ", collection " + bound.retrieval().collection() + " v" + bound.retrieval().version();
            return new StageResult.Continue(StageResult.Note.of("resolved", resolved.ref() + collection));
        } catch (ProviderException e) {
            return new StageResult.Fail(StageResult.Note.of("failed", e.error().message()), e.error(), "");
        } catch (IllegalArgumentException e) {
            var error = new ChatError(ChatError.Kind.BAD_REQUEST, e.getMessage(), "pick a collection that exists, or none");
            return new StageResult.Fail(StageResult.Note.of("failed", e.getMessage()), error, "");
        }
    }
}
