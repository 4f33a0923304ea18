package dev.cachet.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cachet.engine.config.CachetConfig;
import dev.cachet.engine.config.Environment;
import dev.cachet.engine.config.SemanticSettings;
import dev.cachet.engine.semantic.CachedEmbedder;
import dev.cachet.engine.semantic.Embedder;
import dev.cachet.engine.semantic.Embedders;
import dev.cachet.engine.semantic.EmbeddingCache;
import dev.cachet.engine.semantic.EmbeddingException;
import dev.cachet.engine.semantic.MatchPolicy;
import dev.cachet.engine.semantic.PairEvaluation;
import dev.cachet.engine.semantic.SqliteSemanticStore;
import dev.cachet.engine.store.Database;
import dev.cachet.engine.store.DatabaseException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.time.InstantSource;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * {@code cachet eval-cache --pairs FILE.jsonl [--threshold T] [--curve] [--split all|even|odd]}: the
 * semantic rule against labelled pairs, the plain cosine baseline side by side; the last stdout line is JSON.
 */
@Command(name = "eval-cache", description = "Measure the semantic cache on labelled pairs {a, b, same}; last line is JSON.")
final class EvalCacheCommand implements Callable<Integer> {

    @ParentCommand CachetCommand parent;
    @Spec CommandSpec spec;

    @Option(names = "--pairs", required = true, paramLabel = "FILE.jsonl", description = "one {\"a\", \"b\", \"same\"} object a line")
    Path pairs;
    Double threshold;
    double baseline;

    @Option(names = "--threshold", paramLabel = "T", description = "the policy's base threshold, 0..1 (default: semantic.threshold from cachet.yaml, 0.94)")
    void threshold(double t) { threshold = OptionRange.within(spec, "--threshold", t, 0, 1); }

    @Option(names = "--baseline", paramLabel = "T", defaultValue = "0.8",
            description = "plain cosine threshold measured alongside, 0..1 (default ${DEFAULT-VALUE}, GPTCache's)")
    void baseline(double t) { baseline = OptionRange.within(spec, "--baseline", t, 0, 1); }
    @Option(names = "--curve", description = "also report both rules over thresholds 0.80..0.99")
    boolean curve;
    @Option(names = "--split", paramLabel = "PART", defaultValue = "all", description = "all, even or odd lines (tune on one half, report on the other)")
    String split;
    @Option(names = "--embedder", paramLabel = "SPEC",
            description = "minilm-l6-v2 (in-process, the default), ollama:MODEL or openai:MODEL (the configured ollama/openai provider's server)")
    String embedderSpec;

    @Override
    public Integer call() throws IOException {
        List<PairEvaluation.Pair> all;
        try {
            if (!Files.isRegularFile(pairs)) throw new IllegalArgumentException(pairs + ": no such file");
            all = PairEvaluation.read(pairs);
        } catch (IllegalArgumentException e) {
            System.err.println("error: " + e.getMessage());
            return 2;
        }
        var selected = new ArrayList<PairEvaluation.Pair>();
        for (int i = 0; i < all.size(); i++) {
            boolean even = i % 2 == 0;
            switch (split) {
                case "all" -> selected.add(all.get(i));
                case "even" -> { if (even) selected.add(all.get(i)); }
                case "odd" -> { if (!even) selected.add(all.get(i)); }
                default -> {
                    System.err.println("error: --split must be all, even or odd, was " + split);
                    return 2;
                }
            }
        }
        var options = EngineFactory.options(parent.dataDir);
        CachetConfig config = options.config();
        SemanticSettings settings = config.semantic();
        MatchPolicy.Settings policy = MatchPolicy.settingsOf(settings);
        if (threshold != null) policy = policy.withThreshold(threshold);
        String spec = embedderSpec != null ? embedderSpec : settings.embedder();
        Path dataDir = options.dataDir();
        // Vectors persist in the data dir's embedding cache, so a second run skips the model; entries stay in memory.
        try (var db = Database.open(dataDir, InstantSource.system())) {
            var store = new SqliteSemanticStore(db);
            Embedder embedder = new CachedEmbedder(Embedders.fromSpec(spec, config.activeProviders(), Environment.system()),
                    new EmbeddingCache(store, 200_000));
            var curvePoints = new ArrayList<Double>();
            if (curve) for (int i = 0; i <= 19; i++) curvePoints.add(0.80 + i * 0.01);
            var report = new PairEvaluation(embedder, m -> System.err.println("eval: " + m))
                    .run(selected, policy, baseline, curvePoints);
            print(report, spec, split);
            return 0;
        } catch (DatabaseException e) {
            System.err.println("error: " + e.getMessage());
            return 3;
        } catch (EmbeddingException | IllegalArgumentException e) {
            System.err.println("error: " + e.getMessage());
            return 2;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 1;
        }
    }

    private static void print(PairEvaluation.Report r, String embedder, String split) {
        var out = System.out;
        out.printf("%-8s %9s %8s %9s %9s %8s %8s%n", "rule", "threshold", "hitRate", "falseHit", "precision", "p50 ms", "p95 ms");
        for (var p : List.of(r.policy(), r.baseline())) line(p);
        if (!r.policyCurve().isEmpty()) {
            out.println("curve (policy = guards + short-text threshold; cosine = plain threshold)");
            for (int i = 0; i < r.policyCurve().size(); i++) {
                line(r.policyCurve().get(i));
                line(r.baselineCurve().get(i));
            }
        }
        var json = new ObjectMapper();
        ObjectNode root = json.createObjectNode();
        put(root, r.policy());
        root.put("embedder", embedder);
        root.put("split", split);
        root.put("uniqueTexts", r.uniqueTexts());
        root.put("embedMsPerTextCold", round(r.embedMsPerText()));
        ObjectNode base = root.putObject("baseline");
        put(base, r.baseline());
        if (!r.policyCurve().isEmpty()) {
            var arr = root.putArray("curve");
            for (var p : r.policyCurve()) put(arr.addObject(), p);
            var barr = root.putArray("baselineCurve");
            for (var p : r.baselineCurve()) put(barr.addObject(), p);
        }
        out.println(root.toString());
    }

    private static void line(PairEvaluation.Point p) {
        System.out.printf("%-8s %9.3f %8.3f %9.3f %9.3f %8s %8s%n", p.rule(), p.threshold(), p.hitRate(), p.falseHitRate(),
                p.precision(), Double.isNaN(p.lookupP50Ms()) ? "-" : String.format("%.2f", p.lookupP50Ms()),
                Double.isNaN(p.lookupP95Ms()) ? "-" : String.format("%.2f", p.lookupP95Ms()));
    }

    private static void put(ObjectNode node, PairEvaluation.Point p) {
        node.put("rule", p.rule());
        node.put("threshold", round(p.threshold()));
        node.put("pairs", p.pairs());
        node.put("hitRate", round(p.hitRate()));
        node.put("falseHitRate", round(p.falseHitRate()));
        node.put("precision", round(p.precision()));
        node.put("correctHits", p.correctHits());
        node.put("falseHits", p.falseHits());
        node.put("wrongNeighbourHits", p.wrongNeighbourHits());
        node.put("falseHitsOwnA", p.falseHitsOwnA());
        node.put("falseHitsVerbatim", p.falseHitsVerbatim());
        if (!Double.isNaN(p.lookupP50Ms())) {
            node.put("lookupP50Ms", round(p.lookupP50Ms()));
            node.put("lookupP95Ms", round(p.lookupP95Ms()));
        }
    }

    private static double round(double v) { return Math.round(v * 10_000) / 10_000.0; }
}
