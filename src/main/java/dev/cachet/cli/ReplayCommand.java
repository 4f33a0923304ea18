package dev.cachet.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cachet.engine.EngineOptions;
import dev.cachet.engine.chat.ChatRequest;
import dev.cachet.engine.chat.ChatResult;
import dev.cachet.engine.metrics.Outcome;
import dev.cachet.engine.metrics.StageSavings;
import dev.cachet.engine.workload.Workload;
import dev.cachet.engine.workload.WorkloadParser;
import dev.cachet.engine.workload.WorkloadResult;
import dev.cachet.engine.workload.WorkloadRunner;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * {@code cachet replay --workload FILE.jsonl}: sends every line through the pipeline concurrently,
 * shows progress on stderr, and prints a JSON summary as the last stdout line.
 */
@Command(name = "replay", description = {
        "Replay a JSONL workload through the pipeline and print a JSON summary as the last stdout line.",
        "Each line: {\"prompt\":\"...\"}, {\"messages\":[{\"role\":\"user\",\"content\":\"...\"}]} or "
        + "{\"template\":\"ID\",\"variant\":\"B\",\"vars\":{...}}, optionally with provider, model, system, "
        + "temperature, max_tokens, top_p, stop, think. Blank lines are skipped."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:every request answered", "1:some requests failed (the summary counts them)",
                "2:bad input: the workload is unreadable, or some lines are malformed (the rest still ran)",
                "3:cannot start (data dir, config)",
                "4:every request answered, but some answers could not be stored in the cache (cacheWritesDropped)"})
final class ReplayCommand implements Callable<Integer> {

    private static final int FAILURES_SHOWN = 10;

    @ParentCommand CachetCommand parent;
    @Spec CommandSpec spec;

    @Option(names = "--workload", required = true, paramLabel = "FILE",
            description = "JSONL workload file, or builtin:demo for the shipped example")
    String workload;
    int concurrency;
    @Option(names = "--provider", paramLabel = "ID", description = "send every request to this provider (overrides the lines)") String provider;
    @Option(names = "--model", paramLabel = "M", description = "send every request to this model (overrides the lines)") String model;
    Long simLatencyMs;
    Double simTokensPerSecond;

    @Option(names = "--concurrency", paramLabel = "N", defaultValue = "32", description = "requests in flight at once, at least 1 (default: ${DEFAULT-VALUE})")
    void concurrency(int n) { concurrency = (int) OptionRange.atLeast(spec, "--concurrency", n, 1); }

    @Option(names = "--sim-latency-ms", paramLabel = "MS",
            description = "simulator time to first token for this run, in ms (default: simulator.timeToFirstToken from cachet.yaml, 250 ms)")
    void simLatencyMs(long ms) { simLatencyMs = OptionRange.atLeast(spec, "--sim-latency-ms", ms, 0); }

    @Option(names = "--sim-tokens-per-second", paramLabel = "TPS",
            description = "simulator streaming speed for this run, 0 = the whole answer at once (default: simulator.tokensPerSecond, 60)")
    void simTokensPerSecond(double tps) { simTokensPerSecond = OptionRange.atLeast(spec, "--sim-tokens-per-second", tps, 0); }

    @Override
    public Integer call() throws InterruptedException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Workload parsed;
        try {
            parsed = new WorkloadParser().read(workload);
        } catch (IOException e) {
            err.println("error: " + e.getMessage());
            return 2;
        }
        parsed.problems().forEach(p -> err.println(p));
        if (parsed.items().isEmpty()) {
            err.println("error: " + workload + ": no usable request"
                    + (parsed.problems().isEmpty() ? " (the file is empty)" : " (" + parsed.problems().size() + " malformed lines)"));
            err.flush();
            return 2;
        }

        try (var engine = EngineFactory.open(options())) {
            var progress = Progress.of(err, parent.quiet);
            engine.notices().forEach(n -> progress.info("note: " + n));
            progress.info("replay: %d requests from %s, concurrency %d".formatted(parsed.items().size(), workload, concurrency));
            // Else the first requests of this fresh process miss the semantic cache while the embedding model loads.
            engine.semantic().prepareForOneRequest(Duration.ofMinutes(2));
            var shown = new AtomicInteger();
            WorkloadResult result = new WorkloadRunner(engine.pipeline(), concurrency).run(parsed.items(),
                    this::override,
                    p -> progress.update("replay: %d/%d done, %d cache hits, %d failed, %.0f req/s".formatted(p.done(), p.total(),
                            p.cacheHits(), p.errors(), p.done() / Math.max(1e-9, p.elapsed().toNanos() / 1e9))),
                    Duration.ofSeconds(1),
                    f -> {
                        if (shown.incrementAndGet() > FAILURES_SHOWN) return;
                        String why = switch (f.result()) {
                            case ChatResult.Failed failed -> failed.error().oneLine();
                            case ChatResult.Cancelled c -> "cancelled";
                            case ChatResult.Answered a -> "answered";
                        };
                        synchronized (progress) {
                            progress.clear();
                            err.println(parsed.source() + ":" + f.item().line() + ": request failed: " + why);
                        }
                    });
            progress.clear();
            if (shown.get() > FAILURES_SHOWN) err.printf("replay: %d more failed requests not shown%n", shown.get() - FAILURES_SHOWN);
            StageSavings saved = engine.metrics().savings().total();
            progress.info("replay: done in %.1f s: %d requests, %d exact hits, %d semantic hits, %d model calls, %d failed".formatted(
                    result.wall().toNanos() / 1e9, result.requests(), result.count(Outcome.EXACT_HIT),
                    result.count(Outcome.SEMANTIC_HIT), result.count(Outcome.MODEL_CALL), result.failures()));
            engine.close(); // flushes the write-behind, so the summary counts every answer that could not be stored
            long dropped = engine.exactCache().droppedWrites();
            progress.info("replay: cache write-behind queue peaked at %,d answers waiting (bound %,d), %,d could not be stored".formatted(
                    engine.exactCache().peakPendingWrites(), engine.exactCache().maxPendingWrites(), dropped));
            out.println(summaryJson(result, saved, parsed.problems().size(), dropped));
            out.flush();
            // Malformed lines outrank failed requests: running again fails the same way until the file is fixed.
            if (!parsed.problems().isEmpty()) return 2;
            if (result.failures() > 0) return 1;
            return LostCacheWrites.exitCode(dropped, err);
        }
    }

    private EngineOptions options() {
        EngineOptions o = EngineFactory.options(parent.dataDir);
        if (simLatencyMs == null && simTokensPerSecond == null) return o;
        var sim = o.config().simulator();
        sim = sim.withLatency(simLatencyMs == null ? sim.timeToFirstToken() : Duration.ofMillis(simLatencyMs),
                simTokensPerSecond == null ? sim.tokensPerSecond() : simTokensPerSecond);
        return new EngineOptions(o.dataDir(), o.config().withSimulator(sim), o.probeLocalServers(), o.clock());
    }

    private ChatRequest override(ChatRequest r) {
        if (provider == null && model == null) return r;
        return r.withTarget(provider != null ? provider : r.provider(), model != null ? model : r.model());
    }

    static String summaryJson(WorkloadResult r, StageSavings saved, int malformed, long cacheWritesDropped) {
        var m = new LinkedHashMap<String, Object>();
        m.put("requests", r.requests());
        m.put("exactHits", r.count(Outcome.EXACT_HIT));
        m.put("semanticHits", r.count(Outcome.SEMANTIC_HIT));
        m.put("modelCalls", r.count(Outcome.MODEL_CALL));
        m.put("hitRate", round(r.hitRate(), 4));
        m.put("p50Ms", round(r.p50Ms(), 3));
        m.put("p95Ms", round(r.p95Ms(), 3));
        m.put("tokensSaved", saved.tokensSaved());
        m.put("costSaved", round(saved.costSavedUsd(), 8));
        m.put("errors", r.failures());
        m.put("malformedLines", malformed);
        m.put("cacheWritesDropped", cacheWritesDropped);
        m.put("wallMs", r.wall().toMillis());
        return json(m);
    }

    static String json(Map<String, Object> m) {
        try {
            return new ObjectMapper().writeValueAsString(m);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    static double round(double v, int digits) {
        double f = Math.pow(10, digits);
        return Math.round(v * f) / f;
    }
}
