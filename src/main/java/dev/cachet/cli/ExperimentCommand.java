package dev.cachet.cli;

import dev.cachet.engine.Engine;
import dev.cachet.engine.config.Environment;
import dev.cachet.engine.definitions.DefinitionKind;
import dev.cachet.engine.definitions.Problem;
import dev.cachet.engine.experiments.ExperimentDefinition;
import dev.cachet.engine.experiments.ModelTarget;
import dev.cachet.engine.experiments.promptfoo.PromptfooImport;
import dev.cachet.engine.experiments.report.CsvReport;
import dev.cachet.engine.experiments.report.HtmlReport;
import dev.cachet.engine.experiments.report.JsonReport;
import dev.cachet.engine.experiments.report.RunResults;
import dev.cachet.engine.experiments.report.TextReport;
import dev.cachet.engine.experiments.run.ModelCheck;
import dev.cachet.engine.experiments.run.RunHandle;
import dev.cachet.engine.experiments.run.RunRecord;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * {@code cachet experiment run | resume | list | show | export | import-promptfoo}: A/B experiments
 * without the window. A run prints progress on stderr, the results table on stdout and, as the last
 * stdout line, the JSON summary.
 */
@Command(name = "experiment", description = "Run A/B experiments (Cachet experiment YAML or a promptfoo config) and read their results.",
        subcommands = {ExperimentCommand.Run.class, ExperimentCommand.Resume.class, ExperimentCommand.ListRuns.class,
                ExperimentCommand.Show.class, ExperimentCommand.Export.class, ExperimentCommand.ImportPromptfoo.class})
final class ExperimentCommand implements Callable<Integer> {

    @ParentCommand CachetCommand parent;

    @Override
    public Integer call() {
        System.err.println("error: name a subcommand: run FILE, resume ID, list, show ID, export ID --format csv|json|html, "
                + "import-promptfoo CONFIG (see cachet experiment --help)");
        return 2;
    }

    /** Reads FILE, or an experiment id from the watched experiments folders; problems go to {@code err}, null when it does not read. */
    static ExperimentDefinition read(Engine engine, String fileOrId, PrintWriter err) {
        Path file = Path.of(fileOrId);
        DefinitionKind.Parsed<ExperimentDefinition> parsed;
        if (Files.exists(file)) {
            try {
                parsed = engine.experiments().read(file);
            } catch (IOException e) {
                err.println("error: " + e.getMessage());
                return null;
            }
        } else {
            var known = engine.experiments().definitions().refresh().get(fileOrId);
            if (known.isEmpty()) {
                err.println("error: " + fileOrId + ": no such file, and no experiment with that id in "
                        + engine.experiments().definitions().folders() + " (or built in)");
                return null;
            }
            return known.get().value();
        }
        for (Problem p : parsed.problems()) err.println(p.format());
        return switch (parsed) {
            case DefinitionKind.Parsed.Valid<ExperimentDefinition> v -> v.value();
            case DefinitionKind.Parsed.Invalid<ExperimentDefinition> i -> null;
        };
    }

    /** Watches a run: progress on stderr about once a second, Ctrl-C cancels it (finished cells stay stored). */
    static RunResults follow(Engine engine, RunHandle handle, PrintWriter err) throws InterruptedException {
        Thread onCtrlC = new Thread(() -> {
            handle.cancel();
            try {
                handle.done().get(5, TimeUnit.SECONDS);
            } catch (Exception e) {
                // exiting anyway; the run shows as interrupted and resumes
            }
        }, "experiment-cancel");
        Runtime.getRuntime().addShutdownHook(onCtrlC);
        String last = "";
        try {
            while (true) {
                try {
                    handle.done().get(1, TimeUnit.SECONDS);
                    break;
                } catch (TimeoutException e) {
                    String now = handle.progress().describe();
                    if (!now.equals(last)) {
                        err.println(now);
                        err.flush();
                        last = now;
                    }
                } catch (ExecutionException e) {
                    err.println("error: the run stopped: " + e.getCause());
                    break;
                }
            }
        } finally {
            try {
                Runtime.getRuntime().removeShutdownHook(onCtrlC);
            } catch (IllegalStateException shuttingDown) {
                // the hook is running
            }
        }
        err.println(handle.progress().describe());
        err.flush();
        return RunResults.load(engine.experiments().store(), handle.runId());
    }

    /** The table, then the JSON summary as the last line; exit 1 when some cells ended in an error or the run stopped early. */
    static int print(RunResults r, PrintWriter out) {
        out.print(TextReport.of(r));
        out.println(JsonReport.summaryLine(r));
        out.flush();
        boolean complete = r.cells().size() == r.run().totalCells() && r.run().errors() == 0;
        return complete ? 0 : 1;
    }

    /** {@code text} to stdout, or to {@code output} with {@code note} on stderr. */
    static void write(CommandSpec spec, String text, Path output, String note) throws IOException {
        if (output == null) {
            spec.commandLine().getOut().print(text);
            spec.commandLine().getOut().flush();
            return;
        }
        Files.writeString(output, text, StandardCharsets.UTF_8);
        spec.commandLine().getErr().println(note);
    }

    @Command(name = "run", description = {"Run an experiment: every variant × model × case × repetition, through the pipeline.",
            "FILE is Cachet's experiment YAML or a promptfoo config (promptfooconfig.yaml), or the id of an experiment in "
            + "the templates folders' experiments/ (or the built-in examples). Progress goes to stderr; the results table "
            + "to stdout, then one JSON line: variants, comparisons, unsupportedAssertions, verdict."},
            exitCodeListHeading = "%nExit codes:%n",
            exitCodeList = {"0:every cell ran", "1:some cells failed to answer, or the run was cancelled (resume ID runs the rest)",
                    "2:the file has errors (FILE:LINE:COL lines on stderr), or names a model that cannot be asked (unknown, or its API key not set)", "3:cannot start (data dir, config)"})
    static final class Run implements Callable<Integer> {
        @ParentCommand ExperimentCommand parent;
        @Spec CommandSpec spec;
        @Parameters(index = "0", paramLabel = "FILE", description = "an experiment YAML file, a promptfoo config, or the id of an experiment already run") String file;
        @Option(names = "--provider", description = "run every variant on this provider instead of the file's models") String provider;
        @Option(names = "--model", description = "run every variant on this model instead of the file's models") String model;
        @Option(names = "--repeat", description = "repetitions of every case (overrides the file)") Integer repeat;
        @Option(names = "--concurrency", description = "cells in flight at once (overrides the file)") Integer concurrency;

        @Override
        public Integer call() throws InterruptedException {
            PrintWriter out = spec.commandLine().getOut();
            PrintWriter err = spec.commandLine().getErr();
            if (repeat != null && repeat < 1 || concurrency != null && concurrency < 1) {
                err.println("error: --repeat and --concurrency must be at least 1");
                return 2;
            }
            try (Engine engine = EngineFactory.open(parent.parent.dataDir)) {
                ExperimentDefinition d = read(engine, file, err);
                if (d == null) {
                    err.flush();
                    return 2;
                }
                if (provider != null || model != null) d = d.withModels(List.of(new ModelTarget(provider, model)));
                if (repeat != null) d = d.withRepeat(repeat);
                if (concurrency != null) d = d.withConcurrency(concurrency);
                List<String> unusable = ModelCheck.problems(d, engine.providers(), engine.config().providers(), Environment.system());
                if (!unusable.isEmpty()) {
                    unusable.forEach(p -> err.println("error: " + p));
                    err.flush();
                    return 2;
                }
                RunHandle handle;
                try {
                    handle = engine.experiments().runner().start(d);
                } catch (IllegalArgumentException e) {
                    err.println("error: " + e.getMessage());
                    err.flush();
                    return 2;
                }
                err.printf(Locale.ROOT, "run %d: %s, %d variants × %d models × %d cases × %d repetitions = %d cells, concurrency %d; %s%n",
                        handle.runId(), d.id(), d.arms().size() / d.models().size(), d.models().size(), d.cases().size(), d.repeat(),
                        d.totalCells(), d.concurrency(), TextReport.cachePolicy(d.cache()));
                return print(follow(engine, handle, err), out);
            }
        }
    }

    @Command(name = "resume", description = "Run the cells of a cancelled or interrupted run that did not finish (and those that failed).")
    static final class Resume implements Callable<Integer> {
        @ParentCommand ExperimentCommand parent;
        @Spec CommandSpec spec;
        @Parameters(index = "0", paramLabel = "ID", description = "the run's id, as 'experiment list' shows it") long id;

        @Override
        public Integer call() throws InterruptedException {
            PrintWriter err = spec.commandLine().getErr();
            try (Engine engine = EngineFactory.open(parent.parent.dataDir)) {
                RunHandle handle;
                try {
                    handle = engine.experiments().runner().resume(id);
                } catch (IllegalArgumentException e) {
                    err.println("error: " + e.getMessage());
                    err.flush();
                    return 2;
                }
                err.println(handle.progress().describe() + " stored; resuming");
                return print(follow(engine, handle, err), spec.commandLine().getOut());
            }
        }
    }

    @Command(name = "list", description = "One line per run, newest first: id, experiment, status, cells, passed, failed, errors, started.")
    static final class ListRuns implements Callable<Integer> {
        @ParentCommand ExperimentCommand parent;
        @Spec CommandSpec spec;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            try (Engine engine = EngineFactory.openForMaintenance(parent.parent.dataDir)) {
                Instant now = Instant.now();
                out.printf(Locale.ROOT, "%-5s %-28s %-12s %-13s %7s %7s %7s  %s%n", "ID", "EXPERIMENT", "STATUS", "CELLS", "PASSED", "FAILED",
                        "ERRORS", "STARTED");
                for (RunRecord r : engine.experiments().store().runs()) {
                    out.printf(Locale.ROOT, "%-5d %-28s %-12s %-13s %7d %7d %7d  %s%n", r.id(), r.experimentId(),
                            r.statusAt(now).name().toLowerCase(Locale.ROOT), r.done() + "/" + r.totalCells(), r.passed(), r.failed(), r.errors(),
                            r.created().truncatedTo(java.time.temporal.ChronoUnit.SECONDS));
                }
                out.flush();
                return 0;
            }
        }
    }

    @Command(name = "show", description = "The results table of a run, then its JSON summary line.")
    static final class Show implements Callable<Integer> {
        @ParentCommand ExperimentCommand parent;
        @Spec CommandSpec spec;
        @Parameters(index = "0", paramLabel = "ID", description = "the run's id, as 'experiment list' shows it") long id;

        @Override
        public Integer call() {
            try (Engine engine = EngineFactory.openForMaintenance(parent.parent.dataDir)) {
                RunResults r = RunResults.load(engine.experiments().store(), id);
                print(r, spec.commandLine().getOut());
                return 0;
            } catch (IllegalArgumentException e) {
                spec.commandLine().getErr().println("error: " + e.getMessage());
                return 2;
            }
        }
    }

    @Command(name = "export", description = "Write a run as CSV (one row per cell), JSON (summary and every cell) or a self-contained HTML report.")
    static final class Export implements Callable<Integer> {
        @ParentCommand ExperimentCommand parent;
        @Spec CommandSpec spec;
        @Parameters(index = "0", paramLabel = "ID", description = "the run's id, as 'experiment list' shows it") long id;
        @Option(names = "--format", required = true, description = "csv, json or html") String format;
        @Option(names = {"--output", "-o"}, paramLabel = "FILE", description = "write here instead of stdout") Path output;

        @Override
        public Integer call() throws IOException {
            PrintWriter err = spec.commandLine().getErr();
            String f = format.toLowerCase(Locale.ROOT);
            if (!List.of("csv", "json", "html").contains(f)) {
                err.println("error: --format must be csv, json or html, was '" + format + "'");
                return 2;
            }
            try (Engine engine = EngineFactory.openForMaintenance(parent.parent.dataDir)) {
                RunResults r = RunResults.load(engine.experiments().store(), id);
                String text = switch (f) {
                    case "csv" -> CsvReport.of(r);
                    case "json" -> JsonReport.full(r);
                    default -> HtmlReport.of(r);
                };
                write(spec, text, output, "wrote " + output + " (" + text.length() + " characters)");
                return 0;
            } catch (IllegalArgumentException e) {
                err.println("error: " + e.getMessage());
                return 2;
            }
        }
    }

    @Command(name = "import-promptfoo", description = {"Write a promptfoo config as Cachet's experiment YAML (prompts, dataset and "
            + "assertions inline; assertions Cachet cannot run are kept, so a run names them)."},
            exitCodeListHeading = "%nExit codes:%n", exitCodeList = {"0:written", "2:the config has errors (FILE:LINE:COL lines on stderr)"})
    static final class ImportPromptfoo implements Callable<Integer> {
        @ParentCommand ExperimentCommand parent;
        @Spec CommandSpec spec;
        @Parameters(index = "0", paramLabel = "CONFIG", description = "a promptfoo config (promptfooconfig.yaml)") Path config;
        @Option(names = {"--output", "-o"}, paramLabel = "FILE", description = "write here instead of stdout") Path output;

        @Override
        public Integer call() throws IOException {
            PrintWriter err = spec.commandLine().getErr();
            try (Engine engine = EngineFactory.openForMaintenance(parent.parent.dataDir)) {
                ExperimentDefinition d = read(engine, config.toString(), err);
                if (d == null) {
                    err.flush();
                    return 2;
                }
                if (!d.format().equals("promptfoo")) {
                    err.println("error: " + config + " is already Cachet's experiment format (it has no promptfoo prompts/tests)");
                    return 2;
                }
                String yaml = PromptfooImport.toYaml(d);
                write(spec, yaml, output, "wrote " + output + ": " + d.prompts().size() + " prompts, " + d.cases().size() + " cases");
                return 0;
            }
        }
    }
}
