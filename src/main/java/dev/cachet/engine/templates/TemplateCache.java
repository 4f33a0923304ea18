package dev.cachet.engine.templates;

import dev.cachet.engine.pipeline.CacheDirectives;

import java.time.Duration;

/** A template's {@code cache:} block; null fields keep the configured behaviour. */
public record TemplateCache(Boolean exact, Boolean semantic, Double semanticThreshold, Duration ttl) {

    public static final TemplateCache NONE = new TemplateCache(null, null, null, null);

    public CacheDirectives directives(String origin) {
        return new CacheDirectives(exact == null || exact, semantic == null || semantic, semanticThreshold, ttl, origin);
    }
}
