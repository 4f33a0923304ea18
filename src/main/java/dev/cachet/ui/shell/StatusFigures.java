package dev.cachet.ui.shell;

/**
 * The live numbers of the status bar; a null field means the engine does not measure it (yet) and the
 * bar says so instead of showing a made-up number.
 *
 * @param teamCache the shared team cache's state, or null when none is configured
 * @param endpoint  where the OpenAI-compatible endpoint serves, or null while it is off
 */
public record StatusFigures(Long cacheEntries, Long cacheBytes, Double requestsPerSecond, Double hitRate,
                            dev.cachet.engine.cache.TeamCacheStatus teamCache, String endpoint) {
    public static final StatusFigures UNKNOWN = new StatusFigures(null, null, null, null);

    public StatusFigures(Long cacheEntries, Long cacheBytes, Double requestsPerSecond, Double hitRate) {
        this(cacheEntries, cacheBytes, requestsPerSecond, hitRate, null, null);
    }
}
