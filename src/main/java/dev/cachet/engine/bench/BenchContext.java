package dev.cachet.engine.bench;

import dev.cachet.engine.Engine;
import dev.cachet.engine.EngineOptions;
import dev.cachet.engine.config.CachetConfig;
import dev.cachet.engine.provider.SimulatorProvider;
import dev.cachet.engine.provider.SimulatorSettings;

import java.nio.file.Path;
import java.time.InstantSource;
import java.util.function.Consumer;

/**
 * What a suite gets: a scratch data dir, a way to open engines against the simulator there, a
 * progress printer, and whether to run a short version (tests, smoke runs).
 */
public final class BenchContext {

    private final Path dataDir;
    private final CachetConfig config;
    private final boolean quick;
    private final Consumer<String> progress;

    public BenchContext(Path dataDir, CachetConfig config, boolean quick, Consumer<String> progress) {
        this.dataDir = dataDir;
        this.config = config;
        this.quick = quick;
        this.progress = progress;
    }

    public Path dataDir() { return dataDir; }
    public CachetConfig config() { return config; }
    public boolean quick() { return quick; }

    /** {@code full} normally, {@code short} under --quick. */
    public int scale(int full, int shortRun) { return quick ? shortRun : full; }

    public void progress(String format, Object... args) { progress.accept(String.format(format, args)); }

    /** A fresh engine in its own sub-directory, the simulator as default provider, no network probe. */
    public Engine openEngine(String name, SimulatorSettings simulator) {
        var c = config.withSimulator(simulator).withDefaultProvider(SimulatorProvider.ID);
        return Engine.open(new EngineOptions(dataDir.resolve(name), c, false, InstantSource.system()));
    }
}
