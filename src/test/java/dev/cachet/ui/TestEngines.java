package dev.cachet.ui;

import dev.cachet.engine.Engine;
import dev.cachet.engine.EngineOptions;
import dev.cachet.engine.config.CachetConfig;
import dev.cachet.engine.config.ProviderConfig;
import dev.cachet.engine.provider.SimulatorSettings;

import java.nio.file.Path;
import java.time.Duration;
import java.time.InstantSource;
import java.util.List;

/** Engines for UI tests: simulator as default provider, no probing of local servers. */
public final class TestEngines {
    private TestEngines() { }

    /** A simulator that answers at once. */
    public static final SimulatorSettings FAST = SimulatorSettings.DEFAULTS.withLatency(Duration.ZERO, 0);

    public static Engine open(Path dataDir, SimulatorSettings simulator) {
        return open(dataDir, simulator, CachetConfig.defaults().providers());
    }

    /** With these providers configured besides the simulator (e.g. one at a dead URL). */
    public static Engine open(Path dataDir, SimulatorSettings simulator, List<ProviderConfig> providers) {
        var config = CachetConfig.defaults().withProviders(providers).withSimulator(simulator).withDefaultProvider("simulator");
        return Engine.open(new EngineOptions(dataDir, config, false, InstantSource.system()));
    }

    /** An Ollama provider at a loopback port nothing listens on. */
    public static ProviderConfig deadOllama() {
        return new ProviderConfig("deadlocal", "ollama", "http://127.0.0.1:9", null, "llama3.2", List.of("llama3.2"),
                null, Duration.ofSeconds(5), Duration.ofSeconds(5));
    }
}
