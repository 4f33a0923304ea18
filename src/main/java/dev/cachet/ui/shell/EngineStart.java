package dev.cachet.ui.shell;

import dev.cachet.engine.Engine;
import dev.cachet.engine.EngineOptions;
import dev.cachet.engine.store.DatabaseException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * Opens the window's engine. A database that cannot be used (read-only, a file where the data dir should
 * be, written by a newer Cachet) must not keep the window from opening: the engine then runs on an empty
 * temporary database, deleted at close, and the problem joins the start-up problems the window shows.
 * The CLI refuses such a database instead (exit 3): a command has nobody to tell.
 */
public final class EngineStart implements AutoCloseable {

    private final Engine engine;
    private final List<StartupProblem> problems;
    private final Path temporaryDataDir;

    private EngineStart(Engine engine, List<StartupProblem> problems, Path temporaryDataDir) {
        this.engine = engine;
        this.problems = List.copyOf(problems);
        this.temporaryDataDir = temporaryDataDir;
    }

    /** @param open how to open an engine ({@link Engine#openDeferred} for the window) */
    public static EngineStart open(EngineOptions options, Function<EngineOptions, Engine> open) {
        try {
            return new EngineStart(open.apply(options), List.of(), null);
        } catch (DatabaseException unusable) {
            Path temporary;
            try {
                temporary = Files.createTempDirectory("cachet-temporary-");
            } catch (IOException e) {
                unusable.addSuppressed(e);
                throw unusable; // nowhere to fall back to: the window cannot open
            }
            var problems = new ArrayList<StartupProblem>();
            problems.add(new StartupProblem("The database cannot be used", unusable.getMessage(),
                    "Cachet opened with an empty temporary database instead (" + temporary + "): answers, conversations"
                            + " and settings from this session are not kept. Fix the problem above and restart Cachet."));
            Engine engine = open.apply(new EngineOptions(temporary, options.config(), options.probeLocalServers(),
                    options.clock(), options.environment()));
            return new EngineStart(engine, problems, temporary);
        }
    }

    /** The same start with {@code earlier} problems (a settings file not used, ...) listed first. */
    public EngineStart after(List<StartupProblem> earlier) {
        if (earlier.isEmpty()) return this;
        var all = new ArrayList<>(earlier);
        all.addAll(problems);
        return new EngineStart(engine, all, temporaryDataDir);
    }

    public Engine engine() { return engine; }

    /** What the window must tell the person; empty when all went well. */
    public List<StartupProblem> problems() { return problems; }

    /** The temporary data dir in use instead of the configured one, or null. */
    public Path temporaryDataDir() { return temporaryDataDir; }

    /** Closes the engine and deletes the temporary database, if one was used. */
    @Override
    public void close() {
        engine.close();
        if (temporaryDataDir == null) return;
        try (Stream<Path> all = Files.walk(temporaryDataDir)) {
            for (Path p : all.sorted(Comparator.reverseOrder()).toList()) Files.deleteIfExists(p);
        } catch (IOException e) {
            java.util.logging.Logger.getLogger(EngineStart.class.getName())
                    .warning("could not delete the temporary database " + temporaryDataDir + ": " + e.getMessage());
        }
    }
}
