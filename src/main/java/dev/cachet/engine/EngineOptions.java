package dev.cachet.engine;

import dev.cachet.engine.catalogue.ModelCatalogue;
import dev.cachet.engine.config.CachetConfig;
import dev.cachet.engine.config.Environment;

import java.nio.file.Path;
import java.time.InstantSource;

/**
 * How to open an engine.
 *
 * @param dataDir           where the SQLite file lives (already resolved)
 * @param config            configuration (defaults, or loaded from cachet.yaml)
 * @param probeLocalServers ask localhost:11434 whether Ollama runs (off in tests)
 * @param environment       where API keys are read from (tests inject their own)
 * @param models            the model catalogue (built in, or with the data dir's models.yaml over it)
 */
public record EngineOptions(Path dataDir, CachetConfig config, boolean probeLocalServers, InstantSource clock,
                            Environment environment, ModelCatalogue models) {

    public EngineOptions(Path dataDir, CachetConfig config, boolean probeLocalServers, InstantSource clock) {
        this(dataDir, config, probeLocalServers, clock, Environment.system());
    }

    public EngineOptions(Path dataDir, CachetConfig config, boolean probeLocalServers, InstantSource clock, Environment environment) {
        this(dataDir, config, probeLocalServers, clock, environment, ModelCatalogue.builtIn());
    }

    public static EngineOptions defaults(Path dataDir) {
        return new EngineOptions(dataDir, CachetConfig.defaults(), true, InstantSource.system());
    }
}
