package dev.cachet.engine.semantic.eval;

import dev.cachet.engine.chat.ModelRef;
import dev.cachet.engine.config.SemanticSettings;
import dev.cachet.engine.semantic.Embedder;
import dev.cachet.engine.semantic.EmbeddingException;
import dev.cachet.engine.semantic.InMemorySemanticStore;
import dev.cachet.engine.semantic.MatchPolicy;
import dev.cachet.engine.semantic.PairEvaluation;
import dev.cachet.engine.semantic.PairEvaluation.Pair;
import dev.cachet.engine.semantic.QueryGuards;
import dev.cachet.engine.semantic.SemanticCache;
import dev.cachet.engine.semantic.SemanticKey;
import dev.cachet.engine.semantic.SemanticLookup;
import dev.cachet.engine.semantic.calibration.Calibration;
import dev.cachet.engine.semantic.calibration.Calibrations;
import dev.cachet.engine.semantic.calibration.InMemoryLabelStore;
import dev.cachet.engine.semantic.calibration.Label;
import dev.cachet.engine.semantic.calibration.NamespaceLearner;

import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Consumer;

/**
 * The product's learning loop on labelled pairs ({@code eval-cache --online}): every {@code a} is
 * stored first (one namespace); the {@code b}s then arrive in a seeded random order and the layer
 * decides each. A serve counts as a hit (correct when the pair means the same and its own {@code a}
 * was served; false when the pair means different things); an explore counts as a miss and reveals
 * the pair's label as the "answers agree" signal — the evaluation's stand-in for comparing the fresh
 * model answer with the cached one.
 *
 * <p>As in the product, a {@code b} written exactly like a stored {@code a} is the exact cache's hit and
 * never reaches the semantic layer: it is counted apart ({@code exactHits}). A label speaks of one pair
 * of questions, so when the candidate is another {@code a} than the pair's own, only a label of that
 * pair (elsewhere in the file) says whether its answer is right: without one, an explore teaches
 * nothing, and a serve counts as false for a pair labelled different (as before: conservative) and as
 * no hit for one labelled same. (Quora's file has b's identical to another pair's a while labelled
 * different from their own a: taught as "different at cosine 1.0", they kept the learner from serving
 * anything near the top.) Two fixed rules run over the same stream for comparison: today's
 * policy and a plain cosine threshold; and, with hindsight, the best plain cosine threshold for the
 * whole file whose false-hit rate stays within the bound.
 */
public final class OnlineEvaluation {

    /** Hit rate (correct hits / same-meaning pairs), false-hit rate (false hits / different-meaning pairs), explore share. */
    public record Rates(int lookups, double hitRate, double falseHitRate, double exploreRate, int correctHits, int falseHits,
                        int explores) { }

    /** One rule over the stream and over its second half. */
    public record Run(String rule, double threshold, Rates whole, Rates secondHalf) { }

    /** The best plain cosine threshold for the whole file, chosen knowing every label. */
    public record Hindsight(double threshold, double hitRate, double falseHitRate, double bound) { }

    /** @param exactHits b's written exactly like a stored a: the exact cache answers them, so they are left out of every rate */
    public record Report(long seed, double delta, Run learned, Run fixedPolicy, Run baseline, Hindsight hindsight,
                         Calibration finalCalibration, int uniqueTexts, int exactHits) { }

    /** Whether a cached question's answer is right for a lookup, as far as the file's labels say. */
    enum Truth {
        SAME, DIFFERENT, UNKNOWN;

        float code() { return this == SAME ? 1 : this == DIFFERENT ? 0 : -1; }
    }

    private static final ModelRef EVAL_MODEL = new ModelRef("eval", "pairs");
    private static final String NAMESPACE = "eval";

    private final Embedder embedder;
    private final Consumer<String> progress;

    public OnlineEvaluation(Embedder embedder, Consumer<String> progress) {
        this.embedder = embedder;
        this.progress = progress;
    }

    /**
     * @param prior    today's fixed policy: the learned layer's prior while it warms up, and a rule of its own
     * @param baseline plain cosine threshold measured alongside
     */
    public Report run(List<Pair> pairs, SemanticSettings settings, MatchPolicy.Settings prior, double baseline, double delta, long seed)
            throws EmbeddingException, InterruptedException {
        List<String> all = PairEvaluation.embedTexts(pairs, embedder, progress);
        var guards = new QueryGuards();
        var policy = new MatchPolicy(prior, guards);
        var cosine = new MatchPolicy(MatchPolicy.Settings.fixed(baseline), guards);
        var cache = new SemanticCache(embedder, new InMemorySemanticStore(), policy, InstantSource.system(), Duration.ofDays(3650),
                settings.neighbours(), settings.graphCrossover());
        var seen = new LinkedHashSet<String>();
        for (Pair p : pairs) {
            if (seen.add(p.a())) cache.put(SemanticKey.plain(NAMESPACE, p.a()), embedder.embed(p.a()), p.a(), EVAL_MODEL);
        }
        progress.accept("stored " + seen.size() + " distinct a texts; " + pairs.size() + " b lookups in seeded order " + seed);

        var calibrations = new Calibrations(new InMemoryLabelStore(), settings.calibration().confidence(),
                settings.calibration().minLabels(), InstantSource.system(), Runnable::run);
        NamespaceLearner learner = calibrations.learner(SemanticKey.plain(NAMESPACE, "").namespace(), delta);

        Map<String, Boolean> labelled = labelsByPair(pairs);
        var order = new ArrayList<Pair>(pairs);
        Collections.shuffle(order, new Random(seed));
        int before = order.size();
        order.removeIf(p -> seen.contains(p.b()));
        int exactHits = before - order.size();
        var learned = new ArrayList<Outcome>(order.size());
        var fixed = new ArrayList<Outcome>(order.size());
        var plain = new ArrayList<Outcome>(order.size());
        var top = new ArrayList<float[]>(order.size());  // {top-1 score, 1 if it is the pair's own a}
        for (int i = 0; i < order.size(); i++) {
            Pair p = order.get(i);
            SemanticKey key = SemanticKey.plain(NAMESPACE, p.b());
            float[] v = embedder.embed(p.b());
            var near = cache.nearest(key, v);
            SemanticLookup l = cache.decide(key, v, near, policy, learner, calibrations);
            learned.add(outcome(p, l, labelled));
            if (l instanceof SemanticLookup.Explore x) {
                Truth t = truth(p, x.entry().query(), labelled);
                if (t != Truth.UNKNOWN) calibrations.label(learner, x.entry().id(), x.score(), t == Truth.SAME, Label.Source.EVALUATION);
            }
            fixed.add(outcome(p, cache.decide(key, v, near, policy), labelled));
            plain.add(outcome(p, cache.decide(key, v, near, cosine), labelled));
            top.add(near.isEmpty() ? new float[] {-1, -1}
                    : new float[] {near.getFirst().score(), truth(p, near.getFirst().entry().query(), labelled).code()});
            if ((i + 1) % 2000 == 0) progress.accept("looked up " + (i + 1) + "/" + order.size() + ": " + learner.calibration().describe());
        }
        return new Report(seed, delta, run("learned", learner.calibration().serveAt(), order, learned),
                run("policy", prior.threshold(), order, fixed), run("cosine", baseline, order, plain),
                hindsight(order, top, delta), learner.calibration(), all.size(), exactHits);
    }

    private enum Outcome { CORRECT, FALSE, WRONG_NEIGHBOUR, EXPLORE, MISS }

    /** Every pair's label, under {@link #pairKey} both ways round (the first label of a pair wins). */
    static Map<String, Boolean> labelsByPair(List<Pair> pairs) {
        var labelled = new HashMap<String, Boolean>();
        for (Pair p : pairs) {
            labelled.putIfAbsent(pairKey(p.a(), p.b()), p.same());
            labelled.putIfAbsent(pairKey(p.b(), p.a()), p.same());
        }
        return labelled;
    }

    private static String pairKey(String first, String second) { return first + '\u0000' + second; }

    static Truth truth(Pair p, String cachedQuery, Map<String, Boolean> labelled) {
        if (cachedQuery.equals(p.a())) return p.same() ? Truth.SAME : Truth.DIFFERENT;
        Boolean other = labelled.get(pairKey(cachedQuery, p.b()));
        return other == null ? Truth.UNKNOWN : other ? Truth.SAME : Truth.DIFFERENT;
    }

    private static Outcome outcome(Pair p, SemanticLookup l, Map<String, Boolean> labelled) {
        return switch (l) {
            case SemanticLookup.Hit h -> served(p, truth(p, h.entry().query(), labelled));
            case SemanticLookup.Explore x -> Outcome.EXPLORE;
            case SemanticLookup.Miss m -> Outcome.MISS;
            case SemanticLookup.Vetoed v -> Outcome.MISS;
        };
    }

    private static Outcome served(Pair p, Truth t) {
        return switch (t) {
            case SAME -> Outcome.CORRECT;
            case DIFFERENT -> Outcome.FALSE;
            case UNKNOWN -> p.same() ? Outcome.WRONG_NEIGHBOUR : Outcome.FALSE;
        };
    }

    private static Run run(String rule, double threshold, List<Pair> order, List<Outcome> outcomes) {
        return new Run(rule, threshold, rates(order, outcomes, 0), rates(order, outcomes, order.size() / 2));
    }

    private static Rates rates(List<Pair> order, List<Outcome> outcomes, int from) {
        int same = 0, different = 0, correct = 0, wrong = 0, explores = 0;
        for (int i = from; i < order.size(); i++) {
            if (order.get(i).same()) same++;
            else different++;
            switch (outcomes.get(i)) {
                case CORRECT -> correct++;
                case FALSE -> wrong++;
                case EXPLORE -> explores++;
                case WRONG_NEIGHBOUR, MISS -> { }
            }
        }
        int n = order.size() - from;
        return new Rates(n, same == 0 ? 0 : (double) correct / same, different == 0 ? 0 : (double) wrong / different,
                n == 0 ? 0 : (double) explores / n, correct, wrong, explores);
    }

    /**
     * Scans thresholds from the top: the lowest whose false-hit rate stays within {@code bound} gives the most hits.
     * {@code top} holds each lookup's nearest score and {@link Truth#code()} of its candidate.
     */
    static Hindsight hindsight(List<Pair> pairs, List<float[]> top, double bound) {
        int same = 0, different = 0;
        var idx = new ArrayList<Integer>();
        for (int i = 0; i < pairs.size(); i++) {
            if (pairs.get(i).same()) same++;
            else different++;
            idx.add(i);
        }
        idx.sort((x, y) -> Float.compare(top.get(y)[0], top.get(x)[0]));
        int correct = 0, wrong = 0;
        var best = new Hindsight(1.0001, 0, 0, bound);
        for (int k = 0; k < idx.size(); k++) {
            int i = idx.get(k);
            if (top.get(i)[0] < 0) break;
            int truth = (int) top.get(i)[1];
            if (truth == Truth.SAME.code()) correct++;
            else if (truth == Truth.DIFFERENT.code() || !pairs.get(i).same()) wrong++;
            boolean tieNext = k + 1 < idx.size() && top.get(idx.get(k + 1))[0] == top.get(i)[0];
            if (tieNext) continue;  // a threshold serves every lookup with the same score
            double fhr = different == 0 ? 0 : (double) wrong / different;
            double hit = same == 0 ? 0 : (double) correct / same;
            if (fhr <= bound && hit > best.hitRate()) best = new Hindsight(top.get(i)[0], hit, fhr, bound);
        }
        return best;
    }
}
