package dev.cachet.engine.provider;

import dev.cachet.engine.pipeline.RequestContext;
import dev.cachet.engine.pipeline.Stage;
import dev.cachet.engine.pipeline.StageResult;

/** Resolves provider and model (aliases applied) before any cache, because both are part of every key. */
public final class ResolveStage implements Stage {

    private final ProviderRegistry registry;

    public ResolveStage(ProviderRegistry registry) { this.registry = registry; }

    @Override public String name() { return "resolve"; }

    @Override public StageResult process(RequestContext ctx) {
        var request = ctx.request();
        try {
            ResolvedModel resolved = registry.resolve(request.provider(), request.model());
            ctx.model(resolved);
            return new StageResult.Continue(StageResult.Note.of("resolved", resolved.ref().toString()));
        } catch (ProviderException e) {
            return new StageResult.Fail(StageResult.Note.of("failed", e.error().message()), e.error(), "");
        }
    }
}
