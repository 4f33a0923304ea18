package dev.cachet.cli;

import dev.cachet.engine.Engine;
import dev.cachet.engine.EngineOptions;
import dev.cachet.engine.catalogue.ModelCatalogue;
import dev.cachet.engine.config.ConfigException;
import dev.cachet.engine.config.ConfigFile;
import dev.cachet.engine.config.DataDir;
import dev.cachet.engine.config.Environment;
import dev.cachet.engine.store.DatabaseException;

import java.nio.file.Path;
import java.time.InstantSource;

/** Opens the engine the CLI commands share: data dir from --data-dir, config from its cachet.yaml, models from its models.yaml. */
public final class EngineFactory {
    private EngineFactory() { }

    public static EngineOptions options(Path dataDirOption) {
        Path dataDir = DataDir.resolve(dataDirOption);
        try {
            return new EngineOptions(dataDir, new ConfigFile().load(dataDir), true, InstantSource.system(), Environment.system(),
                    ModelCatalogue.load(dataDir));
        } catch (ConfigException e) {
            throw new StartupException(e.getMessage(), e);
        }
    }

    public static Engine open(Path dataDirOption) {
        return open(options(dataDirOption));
    }

    /** For commands that only read or clear the store: no probing for local model servers. */
    static Engine openForMaintenance(Path dataDirOption) {
        var o = options(dataDirOption);
        return open(new EngineOptions(o.dataDir(), o.config(), false, o.clock(), o.environment(), o.models()));
    }

    /** Every command opens its engine here, so that an unusable data dir or database is one line and exit 3. */
    static Engine open(EngineOptions options) {
        try {
            return Engine.open(options);
        } catch (DatabaseException e) {
            throw new StartupException(e.getMessage(), e);
        }
    }
}
