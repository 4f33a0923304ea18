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
}
