package dev.cachet.cli;

import dev.cachet.engine.Engine;
import dev.cachet.engine.EngineOptions;
import dev.cachet.engine.catalogue.ModelCatalogue;
import dev.cachet.engine.config.CachetConfig;
import dev.cachet.engine.config.ConfigException;
import dev.cachet.engine.config.ConfigFile;
import dev.cachet.engine.config.DataDir;
import dev.cachet.engine.config.Environment;
import dev.cachet.engine.store.DatabaseException;
import dev.cachet.ui.shell.StartupProblem;
import dev.cachet.ui.shell.WindowStart;

import java.nio.file.Path;
import java.time.InstantSource;
import java.util.ArrayList;

/** Opens the engine the CLI commands share: data dir from --data-dir, config from its cachet.yaml, models from its models.yaml. */
public final class EngineFactory {
    private EngineFactory() { }

    /** The data dir a command works on: --data-dir, else the XDG one; absolute, without "." or "..". */
    static Path dataDir(Path dataDirOption) {
        return DataDir.resolve(dataDirOption).normalize();
    }

    public static EngineOptions options(Path dataDirOption) {
        Path dataDir = dataDir(dataDirOption);
        try {
            return new EngineOptions(dataDir, new ConfigFile().load(dataDir), true, InstantSource.system(), Environment.system(),
                    ModelCatalogue.load(dataDir));
        } catch (ConfigException e) {
            throw new StartupException(e.getMessage(), e);
        }
    }

    /**
     * For the window: a settings file (cachet.yaml, models.yaml) that cannot be used does not keep it from
     * opening. It runs on the built-in defaults for that file and shows its problems with what to do.
     */
    public static WindowStart forWindow(Path dataDirOption) {
        Path dataDir = dataDir(dataDirOption);
        var problems = new ArrayList<StartupProblem>();
        CachetConfig config;
        try {
            config = new ConfigFile().load(dataDir);
        } catch (ConfigException e) {
            config = CachetConfig.defaults();
            problems.add(notUsed(dataDir.resolve(ConfigFile.NAME), e));
        }
        ModelCatalogue models;
        try {
            models = ModelCatalogue.load(dataDir);
        } catch (ConfigException e) {
            models = ModelCatalogue.builtIn();
            problems.add(notUsed(dataDir.resolve(ModelCatalogue.FILE), e));
        }
        return new WindowStart(new EngineOptions(dataDir, config, true, InstantSource.system(), Environment.system(), models), problems);
    }

    /** One problem per file: its lines (every problem found, each FILE:LINE:COL: ...) and what Cachet did instead. */
    private static StartupProblem notUsed(Path file, ConfigException e) {
        return new StartupProblem("Settings file not used: " + file.getFileName(), String.join("\n", e.problems()),
                "Cachet is running on the built-in defaults for this file. Fix " + file + " and restart"
                        + (file.getFileName().toString().equals(ConfigFile.NAME)
                        ? ", or save new settings in Settings (the old file is kept as " + ConfigFile.BACKUP + ")." : "."));
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
