package dev.cachet.ui;

import dev.cachet.engine.Engine;
import dev.cachet.engine.EngineOptions;
import dev.cachet.engine.config.CachetConfig;
import dev.cachet.engine.provider.SimulatorSettings;

import java.nio.file.Path;
import java.time.Duration;
import java.time.InstantSource;

/** Engines for UI tests: simulator as default provider, no probing of local servers. */
public final class TestEngines {
    private TestEngines() { }

    /** A simulator that answers at once. */
    public static final SimulatorSettings FAST = SimulatorSettings.DEFAULTS.withLatency(Duration.ZERO, 0);

    public static Engine open(Path dataDir, SimulatorSettings simulator) {
        var config = CachetConfig.defaults().withSimulator(simulator).withDefaultProvider("simulator");
        return Engine.open(new EngineOptions(dataDir, config, false, InstantSource.system()));
    }
}
