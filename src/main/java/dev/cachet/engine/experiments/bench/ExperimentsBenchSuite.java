package dev.cachet.engine.experiments.bench;

import dev.cachet.engine.Engine;
import dev.cachet.engine.bench.BenchContext;
import dev.cachet.engine.bench.BenchSuite;
import dev.cachet.engine.bench.Percentiles;
import dev.cachet.engine.definitions.DefinitionKind;
import dev.cachet.engine.experiments.ExperimentDefinition;
import dev.cachet.engine.experiments.run.CellRecord;
import dev.cachet.engine.experiments.run.RunRecord;
import dev.cachet.engine.experiments.run.TraceJson;
import dev.cachet.engine.provider.SimulatorSettings;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The experiment runner against the zero-latency simulator: 10,000 cells (2 prompts × 1,000 cases × 5
 * repetitions, two assertions each) at concurrency 64, wall time and cells/s; and the runner's overhead
 * per cell, one cell at a time so nothing overlaps: wall time per cell minus the provider's time (the
 * generate stage), and minus the whole pipeline (render, caches, generate) for the runner's own part
 * (building the request, grading, the SQLite write, the hand-off between threads).
 */
public final class ExperimentsBenchSuite implements BenchSuite {

    @Override public String name() { return "experiments"; }

    @Override
    public Map<String, Object> run(BenchContext ctx) throws Exception {
        var figures = new LinkedHashMap<String, Object>();
        var sim = SimulatorSettings.DEFAULTS.withLatency(Duration.ZERO, 0).withScript("none");
        try (Engine engine = ctx.openEngine("experiments", sim)) {
            int cases = ctx.scale(1_000, 100);
            ExperimentDefinition many = definition(engine, ctx.dataDir(), "throughput", cases, 5, 64);
            run(engine, definition(engine, ctx.dataDir(), "warm-up", 50, 2, 16)); // JIT, schema, first SQLite pages
            long t0 = System.nanoTime();
            List<CellRecord> cells = run(engine, many);
            double wallMs = (System.nanoTime() - t0) / 1e6;
            figures.put("cells", cells.size());
            figures.put("wallMs", Math.round(wallMs));
            figures.put("cellsPerSecond", Math.round(cells.size() / (wallMs / 1000)));
            var latency = new Percentiles();
            cells.forEach(c -> latency.record((long) (c.latencyMs() * 1e6)));
            figures.put("cellPipeline", latency.figures());
            ctx.progress("%,d cells at concurrency 64: %,.0f ms wall, %,.0f cells/s", cells.size(), wallMs, cells.size() / (wallMs / 1000));

            int sequential = ctx.scale(1_000, 200);
            var beyondProvider = new double[3];
            var runnerOnly = new double[3];
            for (int round = 0; round < 3; round++) {
                ExperimentDefinition one = definition(engine, ctx.dataDir(), "sequential-" + round, sequential / 2, 1, 1);
                long s0 = System.nanoTime();
                List<CellRecord> seq = run(engine, one);
                double perCellMs = (System.nanoTime() - s0) / 1e6 / seq.size();
                double provider = seq.stream().mapToDouble(ExperimentsBenchSuite::generateMs).average().orElse(0);
                double pipeline = seq.stream().mapToDouble(CellRecord::latencyMs).average().orElse(0);
                beyondProvider[round] = perCellMs - provider;
                runnerOnly[round] = perCellMs - pipeline;
                ctx.progress("round %d, %d cells one at a time: %.3f ms a cell, of which provider %.3f ms, pipeline %.3f ms; "
                        + "beyond the provider %.3f ms, runner alone %.3f ms", round + 1, seq.size(), perCellMs, provider, pipeline,
                        beyondProvider[round], runnerOnly[round]);
            }
            figures.put("overheadBeyondProviderMsMedian", round3(median(beyondProvider)));
            figures.put("runnerOnlyOverheadMsMedian", round3(median(runnerOnly)));
        }
        return figures;
    }

    private static List<CellRecord> run(Engine engine, ExperimentDefinition d) throws Exception {
        var handle = engine.experiments().runner().start(d);
        RunRecord done = handle.done().get(10, TimeUnit.MINUTES);
        List<CellRecord> cells = engine.experiments().store().cells(done.id());
        if (cells.size() != d.totalCells() || cells.stream().anyMatch(c -> c.status() == CellRecord.Status.ERROR)) {
            throw new IllegalStateException(d.id() + ": " + cells.size() + " of " + d.totalCells() + " cells, or some failed: " + done.note());
        }
        return cells;
    }

    private static ExperimentDefinition definition(Engine engine, Path dir, String id, int cases, int repeat, int concurrency) throws Exception {
        var rows = new StringBuilder();
        for (int i = 0; i < cases; i++) rows.append("  - {n: ").append(i).append(", topic: topic ").append(i % 37).append("}\n");
        String text = """
                id: %s
                prompts:
                  - {id: A, text: "Question {{ n }} about {{ topic }}: answer briefly."}
                  - {id: B, text: "Answer question {{ n }} about {{ topic }} in one sentence."}
                models: [simulator/sim-small]
                repeat: %d
                concurrency: %d
                defaults:
                  assert:
                    - {type: contains, value: simulated}
                    - {type: word-count, value: {min: 1, max: 500}}
                dataset:
                %s""".formatted(id, repeat, concurrency, rows);
        Path file = dir.resolve(id + ".yaml");
        Files.createDirectories(dir);
        Files.writeString(file, text);
        return switch (engine.experiments().read(file)) {
            case DefinitionKind.Parsed.Valid<ExperimentDefinition> v -> v.value();
            case DefinitionKind.Parsed.Invalid<ExperimentDefinition> i -> throw new IllegalStateException(i.problems().toString());
        };
    }

    private static double generateMs(CellRecord c) {
        return TraceJson.read(c.trace()).entry("generate").map(e -> e.duration().toNanos() / 1e6).orElse(0.0);
    }

    private static double median(double[] v) {
        double[] s = v.clone();
        Arrays.sort(s);
        return s[s.length / 2];
    }

    private static double round3(double v) { return Math.round(v * 1000) / 1000.0; }
}
