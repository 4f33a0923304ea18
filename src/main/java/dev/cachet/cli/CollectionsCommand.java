package dev.cachet.cli;

import dev.cachet.engine.pipeline.Cancellation;
import dev.cachet.engine.retrieval.CollectionInfo;
import dev.cachet.engine.retrieval.IngestProblem;
import dev.cachet.engine.retrieval.IngestReport;
import dev.cachet.engine.retrieval.Retrieval;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;
import java.io.PrintWriter;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

/** {@code cachet collections add|ingest|list|remove}: document collections for retrieval. */
@Command(name = "collections", description = "Document collections for retrieval: add, ingest, list, remove.",
        subcommands = {CollectionsCommand.Add.class, CollectionsCommand.Ingest.class, CollectionsCommand.ListCollections.class,
                CollectionsCommand.Remove.class},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:success", "1:some files could not be read (the rest was ingested)", "2:bad usage (unknown collection, missing path)"})
final class CollectionsCommand implements Callable<Integer> {

    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(ZoneId.systemDefault());

    @ParentCommand CachetCommand parent;

    @Spec CommandSpec spec;

    @Override
    public Integer call() {
        throw OptionRange.subcommandNeeded(spec);
    }

    @Command(name = "add", description = "Create a collection from files and folders (or add them to an existing one). Reads .md, .txt, .html and .pdf.")
    static final class Add implements Callable<Integer> {
        @Spec CommandSpec spec;
        PrintWriter out() { return spec.commandLine().getOut(); }
        PrintWriter err() { return spec.commandLine().getErr(); }
        @ParentCommand CollectionsCommand group;
        @Parameters(index = "0", paramLabel = "NAME", description = "the collection (created when new)") String name;
        @Parameters(index = "1..*", paramLabel = "PATH", arity = "1..*", description = "files or folders (folders are read with their sub-folders)") List<Path> paths;

        @Override
        public Integer call() {
            for (Path p : paths) {
                if (!Files.exists(p)) {
                    err().println("error: " + p + ": no such file or folder");
                    return 2;
                }
            }
            try (var engine = EngineFactory.openForMaintenance(group.parent.dataDir)) {
                Retrieval r = engine.retrieval();
                CollectionInfo c = r.find(name).isPresent() ? r.addSources(name, paths) : r.create(name, paths);
                out().printf("collection %s: %s%n", c.name(), String.join(", ", c.sources()));
                out().printf("next: cachet collections ingest %s%n", c.name());
                return 0;
            } catch (IllegalArgumentException e) {
                err().println("error: " + e.getMessage());
                return 2;
            }
        }
    }

    @Command(name = "ingest", description = {"Read, split and embed new and changed files; drop deleted ones. Unchanged files are skipped.",
            "Progress goes to stderr; the summary to stdout. With --watch, keeps watching the folders and re-ingests on change until Ctrl-C."})
    static final class Ingest implements Callable<Integer> {
        @Spec CommandSpec spec;
        PrintWriter out() { return spec.commandLine().getOut(); }
        PrintWriter err() { return spec.commandLine().getErr(); }
        @ParentCommand CollectionsCommand group;
        @Parameters(index = "0", paramLabel = "NAME", description = "the collection to ingest") String name;
        @Option(names = "--watch", description = "after ingesting, watch the folders and re-ingest on every change (until Ctrl-C)") boolean watch;

        @Override
        public Integer call() throws Exception {
            try (var engine = EngineFactory.openForMaintenance(group.parent.dataDir)) {
                Retrieval r = engine.retrieval();
                var cancel = new Cancellation();
                Thread hook = new Thread(cancel::cancel, "cachet-ingest-cancel");
                Runtime.getRuntime().addShutdownHook(hook);
                var progress = Progress.of(err(), group.parent.quiet);
                IngestReport report = r.ingest(name, p -> progress.update(p.describe()), cancel);
                progress.clear();
                print(report);
                if (!watch) {
                    Runtime.getRuntime().removeShutdownHook(hook);
                    return report.failed().isEmpty() ? 0 : 1;
                }
                var done = new CountDownLatch(1);
                r.addListener(new Retrieval.Listener() {
                    @Override public void finished(IngestReport again) { print(again); }
                });
                r.watch(name, true);
                progress.info("watching " + String.join(", ", r.require(name).sources()) + " (Ctrl-C stops)");
                cancel.onCancel(done::countDown);
                done.await();
                return 0;
            } catch (IllegalArgumentException e) {
                err().println("error: " + e.getMessage());
                return 2;
            }
        }

        private void print(IngestReport report) {
            out().println(report.collection() + ": " + report.summary());
            for (IngestProblem p : report.failed()) out().println("  skipped " + p.path() + ": " + p.reason());
            out().flush();
        }
    }

    @Command(name = "list", description = "Every collection: documents, chunks, size, version, last ingest, watch, problems.")
    static final class ListCollections implements Callable<Integer> {
        @Spec CommandSpec spec;
        PrintWriter out() { return spec.commandLine().getOut(); }
        PrintWriter err() { return spec.commandLine().getErr(); }
        @ParentCommand CollectionsCommand group;

        @Override
        public Integer call() {
            try (var engine = EngineFactory.openForMaintenance(group.parent.dataDir)) {
                var all = engine.retrieval().list();
                if (all.isEmpty()) {
                    out().println("no collections yet: cachet collections add NAME PATH...");
                    return 0;
                }
                out().printf("%-16s %6s %8s %10s %7s %-16s %-5s %s%n", "name", "docs", "chunks", "size", "version", "last ingest", "watch", "problems");
                for (CollectionInfo c : all) {
                    out().printf("%-16s %6d %,8d %10s %7d %-16s %-5s %d%n", c.name(), c.documents(), c.chunks(), c.sizeText(), c.version(),
                            c.lastIngest() == null ? "never" : WHEN.format(c.lastIngest()), c.watch() ? "on" : "off", c.problems().size());
                    for (String s : c.sources()) out().println("    " + s);
                    for (IngestProblem p : c.problems()) out().println("    ! " + p.path() + ": " + p.reason());
                }
                return 0;
            }
        }
    }

    @Command(name = "remove", description = "Delete a collection, its chunks and its cached retrievals (the files are not touched).")
    static final class Remove implements Callable<Integer> {
        @Spec CommandSpec spec;
        PrintWriter out() { return spec.commandLine().getOut(); }
        PrintWriter err() { return spec.commandLine().getErr(); }
        @ParentCommand CollectionsCommand group;
        @Parameters(index = "0", paramLabel = "NAME", description = "the collection to delete") String name;

        @Override
        public Integer call() throws IOException {
            try (var engine = EngineFactory.openForMaintenance(group.parent.dataDir)) {
                if (!engine.retrieval().remove(name)) {
                    err().println("error: unknown collection '" + name + "'");
                    return 2;
                }
                out().println("removed collection " + name);
                return 0;
            }
        }
    }

}
