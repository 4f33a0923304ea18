package dev.cachet.engine.cache;

import dev.cachet.engine.chat.AnswerSource;
import dev.cachet.engine.chat.ChatResult;
import dev.cachet.engine.pipeline.CacheDirectives;
import dev.cachet.engine.pipeline.ContextKey;
import dev.cachet.engine.pipeline.RequestContext;
import dev.cachet.engine.pipeline.Stage;
import dev.cachet.engine.pipeline.StageResult;

import java.util.Map;
import java.util.Optional;

/**
 * Stage "exact": answers from the exact cache on a key hit, and stores model answers under the key
 * the request was looked up with (so a later stage rewriting the request does not change where its
 * answer is found). Runs right after the resolve stage: provider and model are part of the key.
 */
public final class ExactCacheStage implements Stage {

    /** The key fields of this request, for stages after this one and for the key inspector. */
    public static final ContextKey<CacheKeyFields> KEY_FIELDS = ContextKey.of("exact.keyFields", CacheKeyFields.class);
    /** The key computed from {@link #KEY_FIELDS}: hashing once per request, not again to store the answer. */
    private static final ContextKey<CacheKey> KEY = ContextKey.of("exact.key", CacheKey.class);

    private static final ContextKey<InFlightRequests.Role> ROLE = ContextKey.of("exact.inFlightRole", InFlightRequests.Role.class);

    private final ExactCache cache;
    private final InFlightRequests inFlight;

    public ExactCacheStage(ExactCache cache) { this(cache, new InFlightRequests()); }

    public ExactCacheStage(ExactCache cache, InFlightRequests inFlight) {
        this.cache = cache;
        this.inFlight = inFlight;
    }

    @Override public String name() { return "exact"; }

    @Override
    public StageResult process(RequestContext ctx) throws InterruptedException {
        var directives = CacheDirectives.of(ctx);
        if (!directives.exact()) {
            return new StageResult.Continue(StageResult.Note.of("skipped", "exact cache off for " + directives.origin()));
        }
        var mode = ctx.request().cacheMode();
        return switch (mode) {
            case BYPASS -> new StageResult.Continue(StageResult.Note.of("skipped", "cache bypassed: neither looked up nor stored"));
            case REFRESH -> {
                CacheKey key = remember(ctx);
                yield new StageResult.Continue(StageResult.Note.of("skipped", "regenerate: cache bypassed on purpose",
                        Map.of("key", key.prefix())));
            }
            case USE -> lookup(ctx, remember(ctx));
        };
    }

    private StageResult lookup(RequestContext ctx, CacheKey key) throws InterruptedException {
        return switch (cache.lookup(key)) {
            case CacheLookup.Hit hit -> {
                CachedAnswer a = hit.entry().answer();
                var note = StageResult.Note.of("hit", "same request answered before (" + hit.tier() + ")",
                        Map.of("key", key.prefix(), "tier", hit.tier(), "model", a.model().toString(),
                                "created", a.created().toString(),
                                "savedTokens", a.usage().inputTokens() + " in / " + a.usage().outputTokens() + " out"));
                yield new StageResult.Answer(note, a.text(), AnswerSource.EXACT_CACHE, a.model(), a.usage(), a.finish(), false);
            }
            case CacheLookup.Miss miss -> joinFlight(ctx, key);
        };
    }

    /** On a miss, share the model call of an identical request already in flight, if there is one. */
    private StageResult joinFlight(RequestContext ctx, CacheKey key) throws InterruptedException {
        var role = inFlight.join(key);
        if (role instanceof InFlightRequests.Role.Follower follower) {
            var shared = InFlightRequests.await(follower.flight(), ctx.cancellation());
            if (shared.isPresent()) {
                var a = shared.get();
                var note = StageResult.Note.of("hit", "identical request was in flight: shared its answer",
                        Map.of("key", key.prefix(), "tier", "in-flight", "model", a.model().toString(),
                                "savedTokens", a.usage().inputTokens() + " in / " + a.usage().outputTokens() + " out"));
                return new StageResult.Answer(note, a.text(), AnswerSource.EXACT_CACHE, a.model(), a.usage(), a.finish(), false);
            }
            return new StageResult.Continue(StageResult.Note.of("miss",
                    "no stored answer; the identical request in flight did not finish cleanly", Map.of("key", key.prefix())));
        }
        ctx.put(ROLE, role);
        return new StageResult.Continue(StageResult.Note.of("miss", "no stored answer for this key", Map.of("key", key.prefix())));
    }

    @Override
    public void onFinished(RequestContext ctx, ChatResult result) {
        ctx.get(ROLE).ifPresent(role -> {
            Optional<ChatResult.Answered> answer = result instanceof ChatResult.Answered a
                    && a.source() == AnswerSource.MODEL && a.finish().cacheable(ctx.request().params()) ? Optional.of(a) : Optional.empty();
            ctx.get(KEY).ifPresent(key -> inFlight.land(key, role.flight(), answer));
        });
    }

    private static CacheKey remember(RequestContext ctx) {
        var fields = CacheKeyFields.of(ctx.request(), ctx.model());
        CacheKey key = fields.key();
        ctx.put(KEY_FIELDS, fields);
        ctx.put(KEY, key);
        return key;
    }

    @Override
    public void onModelAnswer(RequestContext ctx, ChatResult.Answered answer) {
        if (ctx.request().cacheMode() == dev.cachet.engine.chat.CacheMode.BYPASS) return;
        var directives = CacheDirectives.of(ctx);
        if (!directives.exact()) return;
        var fields = ctx.get(KEY_FIELDS);
        var key = ctx.get(KEY);
        if (fields.isPresent() && key.isPresent()) cache.put(key.get(), fields.get(), answer, directives.ttl());
    }
}
