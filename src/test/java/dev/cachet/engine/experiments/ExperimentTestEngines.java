package dev.cachet.engine.experiments;

import dev.cachet.engine.Engine;
import dev.cachet.engine.EngineOptions;
import dev.cachet.engine.config.CachetConfig;
import dev.cachet.engine.definitions.DefinitionKind;
import dev.cachet.engine.provider.SimulatorSettings;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.InstantSource;

/** An engine on the scripted simulator (no latency unless a rule gives one), and experiments read from text. */
public final class ExperimentTestEngines {

    private ExperimentTestEngines() { }

    /** An engine whose simulator answers by {@code script} (written into the data dir) at once. */
    public static Engine scripted(Path dataDir, String script) throws IOException {
        Files.createDirectories(dataDir);
        Files.writeString(dataDir.resolve("script.yaml"), script);
        var sim = SimulatorSettings.DEFAULTS.withLatency(Duration.ZERO, 0).withScript("script.yaml");
        var config = CachetConfig.defaults().withDefaultProvider("simulator").withSimulator(sim);
        return Engine.open(new EngineOptions(dataDir, config, false, InstantSource.system()));
    }

    /** Writes {@code text} as {@code name} in {@code dir} and reads it as an experiment; fails the test on errors. */
    public static ExperimentDefinition read(Engine engine, Path dir, String name, String text) throws IOException {
        Path file = dir.resolve(name);
        Files.writeString(file, text);
        var parsed = engine.experiments().read(file);
        if (parsed instanceof DefinitionKind.Parsed.Valid<ExperimentDefinition> v) return v.value();
        throw new AssertionError("not valid: " + parsed.problems());
    }
}
