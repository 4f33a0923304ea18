package dev.cachet.engine.pipeline;

import java.time.Duration;

/**
 * How one request may use the response caches beyond its {@code CacheMode}: set by the render stage
 * from a template's {@code cache:} block, read by the cache stages. Absent means the defaults.
 *
 * @param exact             false: the exact cache neither answers nor stores this request
 * @param semantic          false: the semantic cache is skipped for this request
 * @param semanticThreshold the template's base threshold, or null for the configured one (a
 *                          threshold the operator set for this template in cachet.yaml still wins)
 * @param ttl               how long a stored answer lives, or null for the configured TTL
 */
public record CacheDirectives(boolean exact, boolean semantic, Double semanticThreshold, Duration ttl, String origin) {

    public static final ContextKey<CacheDirectives> KEY = ContextKey.of("cache.directives", CacheDirectives.class);
    public static final CacheDirectives DEFAULTS = new CacheDirectives(true, true, null, null, "defaults");

    public static CacheDirectives of(RequestContext ctx) { return ctx.get(KEY).orElse(DEFAULTS); }
}
