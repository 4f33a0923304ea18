package dev.cachet.cli;

import dev.cachet.engine.pipeline.Cancellation;
import dev.cachet.engine.warm.CacheWarmer;
import dev.cachet.engine.warm.WarmFile;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.concurrent.Callable;

/**
 * {@code cachet warm FILE}: runs the prompts of a warm file through the pipeline (under the providers'
 * limits) and keeps the answers that pass their checks; progress on stderr, a JSON summary last on stdout.
 */
@Command(name = "warm", description = {
        "Warm the caches: send every prompt of FILE (JSONL, lines as for replay) through the pipeline and keep only the "
        + "answers that pass their checks: \"expect\": \"text\" (the answer contains it) or \"expect\": {\"contains\", \"equals\", "
        + "\"matches\": \"regex\"}. Prompts already cached are counted, not asked again. Ctrl-C stops; what was kept stays."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:every prompt warmed or already cached", "1:some answers failed their checks or some requests failed",
                "2:file unreadable, malformed lines, or bad usage", "3:cannot start (data dir, config)"})
final class WarmCommand implements Callable<Integer> {

    @ParentCommand CachetCommand parent;
    @Spec CommandSpec spec;

    @Parameters(paramLabel = "FILE", description = "the warm file (JSONL)") String file;
    int concurrency = 8;
    @Option(names = "--concurrency", paramLabel = "N", description = "prompts in flight at once, at least 1 (default: 8)")
    void concurrency(int n) { concurrency = (int) OptionRange.atLeast(spec, "--concurrency", n, 1); }

    @Override
    public Integer call() throws InterruptedException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        WarmFile.Parsed parsed;
        try {
            parsed = new WarmFile().read(file);
        } catch (IOException e) {
            err.println("error: " + e.getMessage());
            return 2;
        }
        parsed.problems().forEach(err::println);
        if (parsed.items().isEmpty()) {
            err.println("error: " + file + ": no usable prompt");
            err.flush();
            return 2;
        }
        try (var engine = EngineFactory.open(parent.dataDir)) {
            var cancellation = new Cancellation();
            Thread onCtrlC = new Thread(cancellation::cancel, "warm-cancel");
            Runtime.getRuntime().addShutdownHook(onCtrlC);
            CacheWarmer.Result r;
            var progress = Progress.of(err, parent.quiet);
            try {
                r = new CacheWarmer(engine.pipeline(), concurrency).run(parsed.items(), cancellation, p -> progress.update(
                        "warm: %d/%d done, %d kept, %d rejected by their checks, %d already cached, %d failed".formatted(
                                p.done(), p.total(), p.kept(), p.rejected(), p.alreadyCached(), p.failed())));
            } finally {
                progress.clear();
                try {
                    Runtime.getRuntime().removeShutdownHook(onCtrlC);
                } catch (IllegalStateException exiting) {
                    // Ctrl-C: the hook is running
                }
            }
            r.rejections().forEach(line -> err.println(file + ":" + line));
            engine.close();
            var m = new LinkedHashMap<String, Object>();
            m.put("prompts", r.prompts());
            m.put("kept", r.kept());
            m.put("rejected", r.rejected());
            m.put("alreadyCached", r.alreadyCached());
            m.put("failed", r.failed());
            m.put("malformedLines", parsed.problems().size());
            m.put("cancelled", r.cancelled());
            m.put("cacheWritesDropped", engine.exactCache().droppedWrites());
            m.put("wallMs", r.wall().toMillis());
            out.println(ReplayCommand.json(m));
            out.flush();
            if (!parsed.problems().isEmpty()) return 2;
            if (r.rejected() > 0 || r.failed() > 0 || r.cancelled()) return 1;
            return LostCacheWrites.exitCode(engine.exactCache().droppedWrites(), err);
        }
    }
}
