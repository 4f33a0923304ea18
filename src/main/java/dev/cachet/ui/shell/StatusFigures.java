package dev.cachet.ui.shell;

/**
 * The live numbers of the status bar; a null field means the engine does not measure it (yet) and the
 * bar says so instead of showing a made-up number.
 */
public record StatusFigures(Long cacheEntries, Long cacheBytes, Double requestsPerSecond, Double hitRate) {
    public static final StatusFigures UNKNOWN = new StatusFigures(null, null, null, null);
}
