package dev.cachet.cli;

import dev.cachet.engine.Engine;
import dev.cachet.engine.EngineOptions;
import dev.cachet.engine.config.CachetConfig;
import dev.cachet.engine.config.ConfigException;
import dev.cachet.engine.config.ConfigFile;
import dev.cachet.engine.config.DataDir;
import dev.cachet.engine.store.DatabaseException;
import dev.cachet.ui.shell.EngineStart;
import dev.cachet.ui.shell.StartupProblem;

import java.nio.file.Path;
import java.time.InstantSource;
import java.util.List;

/** Opens the engine the CLI commands share: data dir from --data-dir, config from its cachet.yaml. */
public final class EngineFactory {
    private EngineFactory() { }

    /** The data dir a command works on: --data-dir, else the XDG one; absolute, without "." or "..". */
    static Path dataDir(Path dataDirOption) {
        return DataDir.resolve(dataDirOption).normalize();
    }

    public static EngineOptions options(Path dataDirOption) {
        Path dataDir = dataDir(dataDirOption);
        try {
            return new EngineOptions(dataDir, new ConfigFile().load(dataDir), true, InstantSource.system());
        } catch (ConfigException e) {
            throw new StartupException(e.getMessage(), e);
        }
    }

    /**
     * For the window: a config file that cannot be used does not keep it from opening. It runs on the
     * built-in defaults and shows each problem with what to do.
     */
    public static EngineStart forWindow(Path dataDirOption) {
        Path dataDir = dataDir(dataDirOption);
        try {
            return new EngineStart(new EngineOptions(dataDir, new ConfigFile().load(dataDir), true, InstantSource.system()), List.of());
        } catch (ConfigException e) {
            String action = "Cachet is running on the built-in defaults. Fix " + dataDir.resolve(ConfigFile.NAME)
                    + " and restart, or save new settings in Settings (the old file is kept as " + ConfigFile.BACKUP + ").";
            var problems = e.problems().stream().map(line -> new StartupProblem("Settings file not used", line, action)).toList();
            return new EngineStart(new EngineOptions(dataDir, CachetConfig.defaults(), true, InstantSource.system()), problems);
        }
    }

    public static Engine open(Path dataDirOption) {
        return open(options(dataDirOption));
    }

    /** For commands that only read or clear the store: no probing for local model servers. */
    static Engine openForMaintenance(Path dataDirOption) {
        var o = options(dataDirOption);
        return open(new EngineOptions(o.dataDir(), o.config(), false, o.clock()));
    }

    private static Engine open(EngineOptions options) {
        try {
            return Engine.open(options);
        } catch (DatabaseException e) {
            throw new StartupException(e.getMessage(), e);
        }
    }
}
