package dev.cachet.cli;

import dev.cachet.engine.bench.BenchContext;
import dev.cachet.engine.bench.BenchSuite;
import dev.cachet.engine.bench.BenchSuites;
import dev.cachet.engine.config.CachetConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Stream;

/**
 * {@code cachet bench [--suite core|...|all]}: runs benchmark suites in a temporary data dir against the
 * simulator, prints figures as it goes, and as the last stdout line one JSON object keyed by suite.
 */
@Command(name = "bench", description = {
        "Measure the pipeline against the built-in simulator in a scratch data dir, removed afterwards.",
        "The scratch dir is inside --data-dir when given (to measure that disk), else in the system temp dir; "
        + "the built-in defaults are used, not cachet.yaml.",
        "Prints figures as it goes; the last stdout line is one JSON object keyed by suite name."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:all suites ran", "1:a suite failed", "2:unknown suite"})
final class BenchCommand implements Callable<Integer> {

    @Spec CommandSpec spec;
    @ParentCommand CachetCommand parent;

    @Option(names = "--suite", defaultValue = "core",
            description = "suite to run: ${COMPLETION-CANDIDATES}; default: ${DEFAULT-VALUE} (about a minute; 'semantic' and 'all' take 15 minutes and more)",
            completionCandidates = SuiteNames.class)
    String suite;
    @Option(names = "--quick", description = "shorter runs (fewer samples, 1,000 instead of 10,000 concurrent requests)")
    boolean quick;

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        List<BenchSuite> suites;
        if (suite.equals("all")) {
            suites = allSuites();
        } else {
            var one = allSuites().stream().filter(s -> s.name().equals(suite)).findFirst();
            if (one.isEmpty()) {
                err.println("error: unknown suite '" + suite + "' (available: " + String.join(", ", new SuiteNames()) + ")");
                return 2;
            }
            suites = List.of(one.get());
        }
        // With --data-dir, on that disk (to measure it); the scratch folder goes either way, the user's data is not touched.
        Path dir;
        if (parent.dataDir != null) {
            Files.createDirectories(parent.dataDir);
            dir = Files.createTempDirectory(parent.dataDir.toAbsolutePath(), "cachet-bench-");
        } else {
            dir = Files.createTempDirectory("cachet-bench-");
        }
        err.println("bench: scratch data in " + dir + " (removed afterwards)");
        err.flush();
        var figures = new LinkedHashMap<String, Object>();
        int code = 0;
        try {
            for (BenchSuite s : suites) {
                out.println("== " + s.name());
                out.flush();
                var ctx = new BenchContext(dir.resolve(s.name()), CachetConfig.defaults(), quick, line -> {
                    out.println(s.name() + ": " + line);
                    out.flush();
                });
                try {
                    figures.put(s.name(), s.run(ctx));
                } catch (Exception e) {
                    err.println("error: suite " + s.name() + " failed: " + e);
                    figures.put(s.name(), java.util.Map.of("failed", String.valueOf(e)));
                    code = 1;
                }
            }
        } finally {
            deleteTree(dir);
        }
        out.println(ReplayCommand.json(figures));
        out.flush();
        return code;
    }

    private static void deleteTree(Path dir) throws IOException {
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> {
                try { Files.deleteIfExists(p); } catch (IOException e) { throw new UncheckedIOException(e); }
            });
        }
    }

    /** The engine's suites and the endpoint's (an adapter, which the engine cannot name). */
    static List<BenchSuite> allSuites() {
        var all = new java.util.ArrayList<>(BenchSuites.all());
        all.add(new dev.cachet.server.bench.EndpointBenchSuite());
        return all;
    }

    /** "all" and every registered suite, for --help and the error message. */
    static final class SuiteNames extends java.util.ArrayList<String> {
        SuiteNames() {
            allSuites().forEach(s -> add(s.name()));
            add("all");
        }
    }
}
