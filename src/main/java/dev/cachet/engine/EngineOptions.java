package dev.cachet.engine;

import dev.cachet.engine.config.CachetConfig;

import java.nio.file.Path;
import java.time.InstantSource;

/**
 * How to open an engine.
 *
 * @param dataDir           where the SQLite file lives (already resolved)
 * @param config            configuration (defaults, or loaded from cachet.yaml)
 * @param probeLocalServers ask localhost:11434 whether Ollama runs (off in tests)
 */
public record EngineOptions(Path dataDir, CachetConfig config, boolean probeLocalServers, InstantSource clock) {
    public static EngineOptions defaults(Path dataDir) {
        return new EngineOptions(dataDir, CachetConfig.defaults(), true, InstantSource.system());
    }
}
