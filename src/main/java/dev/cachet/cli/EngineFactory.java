package dev.cachet.cli;

import dev.cachet.engine.Engine;
import dev.cachet.engine.EngineOptions;
import dev.cachet.engine.config.DataDir;

import java.nio.file.Path;

/** Opens the engine the CLI commands share, from the --data-dir option. */
final class EngineFactory {
    private EngineFactory() { }

    static Engine open(Path dataDirOption) {
        return Engine.open(EngineOptions.defaults(DataDir.resolve(dataDirOption)));
    }

    /** For commands that only read or clear the store: no probing for local model servers. */
    static Engine openForMaintenance(Path dataDirOption) {
        var defaults = EngineOptions.defaults(DataDir.resolve(dataDirOption));
        return Engine.open(new EngineOptions(defaults.dataDir(), defaults.config(), false, defaults.clock()));
    }
}
