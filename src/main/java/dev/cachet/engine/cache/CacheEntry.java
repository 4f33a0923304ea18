package dev.cachet.engine.cache;

import java.time.Instant;
import java.util.Objects;

/**
 * One exact-cache entry as every tier stores it.
 *
 * @param modelNamespace    {@code provider/model} of the answering model
 * @param templateNamespace template id, or null for raw messages
 * @param expiresAt         never served at or after this instant
 */
public record CacheEntry(CacheKey key, CachedAnswer answer, String modelNamespace, String templateNamespace,
                         Instant expiresAt) {

    public CacheEntry {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(answer, "answer");
        Objects.requireNonNull(modelNamespace, "modelNamespace");
        Objects.requireNonNull(expiresAt, "expiresAt");
    }

    public boolean expired(Instant now) { return !now.isBefore(expiresAt); }

    public boolean in(Namespace ns) {
        return switch (ns) {
            case Namespace.All all -> true;
            case Namespace.Model m -> m.providerModel().equals(modelNamespace);
            case Namespace.Template t -> t.id().equals(templateNamespace);
        };
    }

    /** Approximate heap bytes: what bounds the in-memory tier. */
    int weightBytes() {
        long w = 200L + 2L * answer.text().length() + 2L * modelNamespace.length()
                + (templateNamespace == null ? 0 : 2L * templateNamespace.length());
        return (int) Math.min(Integer.MAX_VALUE, w);
    }
}
