package dev.cachet.engine.semantic;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cachet.engine.chat.ModelRef;
import dev.cachet.engine.config.SemanticSettings;
import org.HdrHistogram.Histogram;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.function.Consumer;

/**
 * Measures a semantic rule on labelled pairs: every {@code a} goes into one empty namespace with its
 * own answer, then every {@code b} is looked up. A hit is correct only for a {@code same} pair that
 * returns its own {@code a}'s answer; any hit on a different-meaning pair is a false hit.
 */
public final class PairEvaluation {

    public record Pair(String a, String b, boolean same, int line) { }

    /**
     * One rule at one threshold.
     *
     * @param wrongNeighbourHits hits on same-meaning pairs that returned another pair's answer
     * @param falseHitsOwnA      false hits that served the pair's own {@code a} (the labelled mistake); the
     *                           rest served another pair's {@code a}, whose fit to {@code b} is unlabelled
     * @param falseHitsVerbatim  false hits whose cached text equals {@code b} exactly (another pair's {@code a})
     * @param lookupP50Ms        embed (from the embedding cache) + search + guards, per lookup; NaN on curve points
     */
    public record Point(String rule, double threshold, int pairs, double hitRate, double falseHitRate, double precision,
                        int correctHits, int falseHits, int wrongNeighbourHits, int falseHitsOwnA, int falseHitsVerbatim,
                        double lookupP50Ms, double lookupP95Ms) { }

    public record Report(Point policy, Point baseline, List<Point> policyCurve, List<Point> baselineCurve,
                         int uniqueTexts, double embedMsPerText) { }

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ModelRef EVAL_MODEL = new ModelRef("eval", "pairs");

    private final Embedder embedder;
    private final Consumer<String> progress;

    public PairEvaluation(Embedder embedder, Consumer<String> progress) {
        this.embedder = embedder;
        this.progress = progress;
    }

    /** Reads {@code {"a": ..., "b": ..., "same": ...}} lines; a bad line fails with file:line and the reason. */
    public static List<Pair> read(Path file) throws IOException {
        var out = new ArrayList<Pair>();
        int n = 0;
        for (String line : Files.readAllLines(file)) {
            n++;
            if (line.isBlank()) continue;
            try {
                JsonNode node = JSON.readTree(line);
                if (!node.hasNonNull("a") || !node.hasNonNull("b") || !node.path("same").isBoolean()) {
                    throw new IllegalArgumentException(file + ":" + n + ": needs \"a\" and \"b\" strings and a boolean \"same\"");
                }
                out.add(new Pair(node.get("a").asText(), node.get("b").asText(), node.get("same").asBoolean(), n));
            } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                throw new IllegalArgumentException(file + ":" + n + ": not JSON: " + e.getOriginalMessage());
            }
        }
        if (out.isEmpty()) throw new IllegalArgumentException(file + ": no pairs");
        return out;
    }

    /** Embeds every distinct text of the pairs (in lists of 256, reporting progress) so that lookups find them cached; returns them. */
    public static List<String> embedTexts(List<Pair> pairs, Embedder embedder, Consumer<String> progress)
            throws EmbeddingException, InterruptedException {
        var texts = new LinkedHashSet<String>();
        for (Pair p : pairs) {
            texts.add(p.a());
            texts.add(p.b());
        }
        var all = new ArrayList<>(texts);
        for (int i = 0; i < all.size(); i += 256) {
            embedder.embedAll(all.subList(i, Math.min(all.size(), i + 256)));
            progress.accept("embedded " + Math.min(all.size(), i + 256) + "/" + all.size() + " texts");
        }
        return all;
    }

    public Report run(List<Pair> pairs, MatchPolicy.Settings settings, double baselineThreshold, List<Double> curve)
            throws EmbeddingException, InterruptedException {
        long t0 = System.nanoTime();
        List<String> all = embedTexts(pairs, embedder, progress);
        double embedMs = (System.nanoTime() - t0) / 1e6 / all.size();

        var guards = new QueryGuards();
        var policy = new MatchPolicy(settings, guards);
        var baseline = new MatchPolicy(MatchPolicy.Settings.fixed(baselineThreshold), guards);
        SemanticCache cache = fill(pairs, policy);
        Point policyPoint = measure(cache, pairs, policy, "policy", settings.threshold());
        Point baselinePoint = measure(cache, pairs, baseline, "cosine", baselineThreshold);

        var policyCurve = new ArrayList<Point>();
        var baselineCurve = new ArrayList<Point>();
        if (!curve.isEmpty()) {
            progress.accept("curve over " + curve.size() + " thresholds");
            var near = new ArrayList<List<SemanticCache.Near>>(pairs.size());
            var keys = new ArrayList<SemanticKey>(pairs.size());
            var vectors = new ArrayList<float[]>(pairs.size());
            for (Pair p : pairs) {
                SemanticKey key = SemanticKey.plain("eval", p.b());
                float[] v = embedder.embed(p.b());
                keys.add(key);
                vectors.add(v);
                near.add(cache.nearest(key, v));
            }
            for (double t : curve) {
                policyCurve.add(score(cache, pairs, keys, vectors, near, new MatchPolicy(settings.withThreshold(t), guards), "policy", t));
                baselineCurve.add(score(cache, pairs, keys, vectors, near, new MatchPolicy(MatchPolicy.Settings.fixed(t), guards), "cosine", t));
            }
        }
        return new Report(policyPoint, baselinePoint, policyCurve, baselineCurve, all.size(), embedMs);
    }

    private SemanticCache fill(List<Pair> pairs, MatchPolicy policy) throws EmbeddingException, InterruptedException {
        var cache = new SemanticCache(embedder, new InMemorySemanticStore(), policy, InstantSource.system(),
                Duration.ofDays(365), 5, SemanticSettings.DEFAULTS.graphCrossover());
        var seen = new LinkedHashSet<String>();
        for (Pair p : pairs) {
            if (!seen.add(p.a())) continue;  // one entry per distinct text: its answer is "the answer to a"
            SemanticKey key = SemanticKey.plain("eval", p.a());
            cache.put(key, embedder.embed(p.a()), answerTo(p.a()), EVAL_MODEL);
        }
        progress.accept("cached " + seen.size() + " distinct a texts (index: " + cache.indexKind(SemanticKey.plain("eval", "").namespace()) + ")");
        return cache;
    }

    private Point measure(SemanticCache cache, List<Pair> pairs, MatchPolicy rule, String name, double threshold)
            throws EmbeddingException, InterruptedException {
        var histogram = new Histogram(3_600_000_000L, 3);
        var results = new ArrayList<SemanticLookup>(pairs.size());
        for (Pair p : pairs) {
            SemanticKey key = SemanticKey.plain("eval", p.b());
            long start = System.nanoTime();
            float[] v = embedder.embed(p.b());
            SemanticLookup r = cache.decide(key, v, cache.nearest(key, v), rule);
            histogram.recordValue(Math.max(1, System.nanoTime() - start));
            results.add(r);
        }
        return tally(pairs, results, name, threshold, histogram.getValueAtPercentile(50) / 1e6, histogram.getValueAtPercentile(95) / 1e6);
    }

    private static Point score(SemanticCache cache, List<Pair> pairs, List<SemanticKey> keys, List<float[]> vectors,
                               List<List<SemanticCache.Near>> near, MatchPolicy rule, String name, double threshold) {
        var results = new ArrayList<SemanticLookup>(pairs.size());
        for (int i = 0; i < pairs.size(); i++) results.add(cache.decide(keys.get(i), vectors.get(i), near.get(i), rule));
        return tally(pairs, results, name, threshold, Double.NaN, Double.NaN);
    }

    private static Point tally(List<Pair> pairs, List<SemanticLookup> results, String name, double threshold, double p50, double p95) {
        int same = 0, different = 0, correct = 0, falseHits = 0, wrongNeighbour = 0, ownA = 0, verbatim = 0;
        for (int i = 0; i < pairs.size(); i++) {
            Pair p = pairs.get(i);
            if (p.same()) same++;
            else different++;
            if (results.get(i) instanceof SemanticLookup.Hit hit) {
                if (!p.same()) {
                    falseHits++;
                    if (hit.entry().query().equals(p.a())) ownA++;
                    else if (hit.entry().query().equals(p.b())) verbatim++;
                } else if (hit.entry().answer().equals(answerTo(p.a()))) correct++;
                else wrongNeighbour++;
            }
        }
        int hits = correct + falseHits + wrongNeighbour;
        return new Point(name, threshold, pairs.size(), same == 0 ? 0 : (double) correct / same,
                different == 0 ? 0 : (double) falseHits / different, hits == 0 ? 1 : (double) correct / hits,
                correct, falseHits, wrongNeighbour, ownA, verbatim, p50, p95);
    }

    private static String answerTo(String a) { return "answer to: " + a; }
}
