package dev.cachet.bench;

import dev.cachet.engine.Engine;
import dev.cachet.engine.EngineOptions;
import dev.cachet.engine.config.CachetConfig;
import dev.cachet.engine.provider.SimulatorSettings;

import java.io.IOException;
import java.nio.file.Files;
import java.time.Duration;
import java.time.InstantSource;

/** An engine in a scratch data dir whose simulator answers at once: what is left to measure is the pipeline. */
final class EngineFixture {
    private EngineFixture() { }

    static Engine instantSimulator() throws IOException {
        var sim = SimulatorSettings.DEFAULTS.withLatency(Duration.ZERO, 0);
        var config = CachetConfig.defaults().withSimulator(sim).withDefaultProvider("simulator");
        return Engine.open(new EngineOptions(Files.createTempDirectory("cachet-jmh"), config, false, InstantSource.system()));
    }
}
