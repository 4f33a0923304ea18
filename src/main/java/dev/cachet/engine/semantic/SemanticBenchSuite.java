package dev.cachet.engine.semantic;

import dev.cachet.engine.bench.BenchContext;
import dev.cachet.engine.bench.BenchSuite;
import dev.cachet.engine.chat.ModelRef;
import dev.cachet.engine.config.SemanticSettings;
import dev.cachet.engine.store.Database;
import org.HdrHistogram.Histogram;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * {@code cachet bench --suite semantic}: in-process embedding cost by batch size; micro-batching
 * against an HTTP embedding endpoint with a per-call cost; exact scan vs JVector (crossover, and
 * speed-up + recall@1 at 100k real MiniLM vectors); a semantic lookup end to end (embed + search +
 * guards) at 100k cached entries.
 *
 * <p>Data: {@code -Dcachet.bench.data=DIR} (default {@code ../shared/data}). Vectors of the 100k corpus
 * are kept in {@code -Dcachet.bench.cache=DIR} (default {@code target/bench-cache}) between runs.
 */
public final class SemanticBenchSuite implements BenchSuite {

    @Override public String name() { return "semantic"; }

    @Override
    public Map<String, Object> run(BenchContext ctx) throws Exception {
        var out = new LinkedHashMap<String, Object>();
        Path data = Path.of(System.getProperty("cachet.bench.data", "../shared/data"));
        if (!Files.exists(data.resolve("qqp-pairs-dev.jsonl"))) {
            out.put("skipped", "no evaluation data at " + data.toAbsolutePath() + " (set -Dcachet.bench.data=DIR)");
            return out;
        }
        int size = ctx.scale(100_000, 5_000);
        var corpus = BenchCorpus.load(data, size, ctx.scale(1000, 200));
        var model = OnnxEmbedder.miniLm();
        out.put("inProcess", inProcess(ctx, model, corpus));
        out.put("httpBatching", httpBatching(ctx));
        Path cacheDir = Path.of(System.getProperty("cachet.bench.cache", "target/bench-cache"));
        try (var db = Database.open(cacheDir, InstantSource.system())) {
            var vectorCache = new CachedEmbedder(model, new EmbeddingCache(new SqliteSemanticStore(db), 10));
            float[][] stored = embedAll(ctx, vectorCache, corpus.stored());
            float[][] queries = embedAll(ctx, vectorCache, corpus.queries());
            out.put("crossover", crossover(ctx, stored, queries));
            out.put("ann", ann(ctx, stored, queries));
            out.put("endToEnd", endToEnd(ctx, model, corpus, stored));
        }
        return out;
    }

    /** Per-item cost of the in-process model by batch size (distinct texts, nothing cached). */
    private Map<String, Object> inProcess(BenchContext ctx, OnnxEmbedder model, BenchCorpus corpus) throws Exception {
        var r = new LinkedHashMap<String, Object>();
        model.embed("warm up the model");
        int n = ctx.scale(256, 64);
        int offset = 0;
        for (int batch : List.of(1, 8, 32)) {
            var texts = corpus.stored().subList(offset, offset + n);
            offset += n;
            long t0 = System.nanoTime();
            for (int i = 0; i < n; i += batch) model.embedAll(texts.subList(i, Math.min(n, i + batch)));
            double perItem = (System.nanoTime() - t0) / 1e6 / n;
            r.put("batch" + batch + "MsPerItem", round(perItem));
            ctx.progress("in-process MiniLM, batch %d: %.2f ms per text", batch, perItem);
        }
        var h = new Histogram(3);
        for (int i = 0; i < ctx.scale(200, 50); i++) {
            long t0 = System.nanoTime();
            model.embed(corpus.queries().get(i % corpus.queries().size()) + " " + i);
            h.recordValue(System.nanoTime() - t0);
        }
        r.put("singleP50Ms", round(h.getValueAtPercentile(50) / 1e6));
        r.put("singleP95Ms", round(h.getValueAtPercentile(95) / 1e6));
        ctx.progress("in-process MiniLM, one sentence: p50 %.2f ms, p95 %.2f ms", h.getValueAtPercentile(50) / 1e6, h.getValueAtPercentile(95) / 1e6);
        return r;
    }

    /** 32 concurrent callers against an Ollama-style endpoint costing 20 ms a call: one call per text vs micro-batched. */
    private Map<String, Object> httpBatching(BenchContext ctx) throws Exception {
        var r = new LinkedHashMap<String, Object>();
        int callers = 32;
        int each = ctx.scale(20, 5);
        r.put("callers", callers);
        r.put("server", "20 ms per call + 0.05 ms per text, 4 calls served at once (Ollama's OLLAMA_NUM_PARALLEL=4)");
        try (var server = new FakeEmbeddingServer(Duration.ofMillis(20), Duration.ofNanos(50_000), 4, 384)) {
            var http = new HttpEmbedder(HttpEmbedder.Api.OLLAMA, server.baseUrl(), "bench-embed", null, Duration.ofSeconds(30));
            double plain = throughput(http, callers, each, "plain");
            long plainCalls = server.calls();
            try (var batcher = new BatchingEmbedder(http, 32, Duration.ofMillis(2), 4)) {
                double batched = throughput(batcher, callers, each, "batched");
                r.put("unbatchedTextsPerSec", round(plain));
                r.put("batchedTextsPerSec", round(batched));
                r.put("speedup", round(batched / plain));
                r.put("unbatchedCalls", plainCalls);
                r.put("batchedCalls", batcher.modelCalls());
                ctx.progress("HTTP embeddings, %d callers: unbatched %.0f texts/s (%d calls), batched %.0f texts/s (%d calls): %.1fx",
                        callers, plain, plainCalls, batched, batcher.modelCalls(), batched / plain);
            }
        }
        return r;
    }

    private static double throughput(Embedder embedder, int callers, int each, String tag) throws Exception {
        try (var pool = Executors.newVirtualThreadPerTaskExecutor()) {
            long t0 = System.nanoTime();
            var futures = new ArrayList<Future<?>>();
            for (int c = 0; c < callers; c++) {
                int caller = c;
                futures.add(pool.submit(() -> {
                    for (int i = 0; i < each; i++) embedder.embed(tag + " caller " + caller + " text " + i);
                    return null;
                }));
            }
            for (var f : futures) f.get();
            return callers * each / ((System.nanoTime() - t0) / 1e9);
        }
    }

    private static float[][] embedAll(BenchContext ctx, Embedder embedder, List<String> texts) throws Exception {
        float[][] out = new float[texts.size()][];
        long t0 = System.nanoTime();
        for (int i = 0; i < texts.size(); i += 512) {
            var part = embedder.embedAll(texts.subList(i, Math.min(texts.size(), i + 512)));
            for (int j = 0; j < part.size(); j++) out[i + j] = part.get(j);
            if ((i / 512) % 20 == 0) ctx.progress("vectors %d/%d (%.0f s)", Math.min(texts.size(), i + 512), texts.size(), (System.nanoTime() - t0) / 1e9);
        }
        return out;
    }

    /** Query time of exact scan vs graph by index size: where the switch should happen. */
    private Map<String, Object> crossover(BenchContext ctx, float[][] stored, float[][] queries) {
        var r = new LinkedHashMap<String, Object>();
        int dim = stored[0].length;
        Integer crossover = null;
        for (int n : List.of(500, 1_000, 2_000, 5_000, 10_000, 20_000, 50_000)) {
            if (n > stored.length) break;
            var exact = new ExactIndex(dim);
            var graph = new GraphIndex(dim);
            for (int i = 0; i < n; i++) {
                exact.add(i, stored[i]);
                graph.add(i, stored[i]);
            }
            double e = p50Micros(exact, queries);
            double g = p50Micros(graph, queries);
            r.put("n" + n, Map.of("exactP50Us", round(e), "graphP50Us", round(g)));
            ctx.progress("n=%d: exact p50 %.0f us, graph p50 %.0f us", n, e, g);
            if (crossover == null && g < e) crossover = n;
        }
        r.put("graphFasterFrom", crossover == null ? "not within the sizes measured" : crossover);
        return r;
    }

    private static double p50Micros(VectorIndex index, float[][] queries) {
        for (int i = 0; i < Math.min(100, queries.length); i++) index.search(queries[i], 5);  // warm up
        var h = new Histogram(3);
        for (float[] q : queries) {
            long t0 = System.nanoTime();
            index.search(q, 5);
            h.recordValue(System.nanoTime() - t0);
        }
        return h.getValueAtPercentile(50) / 1e3;
    }

    /** Exact scan vs JVector at the full corpus size: latency, speed-up, recall@1 (graph top-1 = exact top-1). */
    private Map<String, Object> ann(BenchContext ctx, float[][] stored, float[][] queries) {
        var r = new LinkedHashMap<String, Object>();
        int dim = stored[0].length;
        var exact = new ExactIndex(dim);
        for (int i = 0; i < stored.length; i++) exact.add(i, stored[i]);
        long t0 = System.nanoTime();
        var graph = new GraphIndex(dim);
        for (int i = 0; i < stored.length; i++) graph.add(i, stored[i]);
        double buildS = (System.nanoTime() - t0) / 1e9;
        var he = new Histogram(3);
        var hg = new Histogram(3);
        int agree = 0;
        for (int i = 0; i < Math.min(100, queries.length); i++) {
            exact.search(queries[i], 5);
            graph.search(queries[i], 5);
        }
        for (float[] q : queries) {
            long a = System.nanoTime();
            var e = exact.search(q, 1);
            long b = System.nanoTime();
            var g = graph.search(q, 1);
            long c = System.nanoTime();
            he.recordValue(b - a);
            hg.recordValue(c - b);
            if (!g.isEmpty() && g.getFirst().ordinal() == e.getFirst().ordinal()) agree++;
        }
        r.put("entries", stored.length);
        r.put("queries", queries.length);
        r.put("graphBuildSeconds", round(buildS));
        r.put("exactP50Ms", round(he.getValueAtPercentile(50) / 1e6));
        r.put("exactP95Ms", round(he.getValueAtPercentile(95) / 1e6));
        r.put("graphP50Ms", round(hg.getValueAtPercentile(50) / 1e6));
        r.put("graphP95Ms", round(hg.getValueAtPercentile(95) / 1e6));
        r.put("speedupP50", round((double) he.getValueAtPercentile(50) / hg.getValueAtPercentile(50)));
        r.put("recallAt1", round((double) agree / queries.length));
        ctx.progress("%d entries: exact p50 %.2f ms, graph p50 %.2f ms (%.0fx), recall@1 %.3f, graph built in %.1f s",
                stored.length, he.getValueAtPercentile(50) / 1e6, hg.getValueAtPercentile(50) / 1e6,
                (double) he.getValueAtPercentile(50) / hg.getValueAtPercentile(50), (double) agree / queries.length, buildS);
        return r;
    }

    /**
     * The whole lookup a request pays at 100k cached entries: embed (not cached) + graph search + guards + learned
     * decision, and on a hit the entry cap's recency update (the cap is the corpus size, so nothing is evicted).
     */
    private Map<String, Object> endToEnd(BenchContext ctx, OnnxEmbedder model, BenchCorpus corpus, float[][] stored) throws Exception {
        var r = new LinkedHashMap<String, Object>();
        var settings = SemanticSettings.DEFAULTS;
        var store = new InMemorySemanticStore();
        var embedder = new CachedEmbedder(model, new EmbeddingCache(store, 200_000));
        var cache = new SemanticCache(embedder, store, new MatchPolicy(MatchPolicy.settingsOf(settings), new QueryGuards()),
                InstantSource.system(), Duration.ofDays(1), settings.neighbours(), settings.graphCrossover(), stored.length);
        var key = SemanticKey.plain("bench", "");
        var modelRef = new ModelRef("simulator", "sim-small");
        for (int i = 0; i < stored.length; i++) cache.put(key.withText(corpus.stored().get(i)), stored[i], "answer " + i, modelRef);
        // The product's path: the learned decision (guards, then the namespace's calibration), on a namespace
        // taught to serve from about 0.85, with refits running beside it as in the app.
        var refits = new AfterAnswerWork();
        var calibrations = new dev.cachet.engine.semantic.calibration.Calibrations(
                new dev.cachet.engine.semantic.calibration.InMemoryLabelStore(), 0.9, 30, InstantSource.system(), refits);
        var learner = calibrations.learner(key.namespace(), 0.02);
        for (int i = 0; i < 2000; i++) {
            double score = 0.5 + (i % 400) * 0.00125;
            double pSame = 1 / (1 + Math.exp(-40 * (score - 0.85)));
            boolean same = (i * 0.6180339887) % 1 < pSame;  // a deterministic stand-in for labels drawn at that rate
            calibrations.countLookup(learner, score);
            calibrations.label(learner, 0, score, same, dev.cachet.engine.semantic.calibration.Label.Source.EVALUATION);
        }
        refits.awaitIdle(Duration.ofMinutes(1));
        var prior = cache.policy();
        var h = new Histogram(3);
        var hitLookup = new Histogram(3);
        var decideLearned = new Histogram(3);
        var decideFixed = new Histogram(3);
        int hits = 0, vetoed = 0, explores = 0;
        int i = 0;
        for (String q : corpus.queries()) {
            long t0 = System.nanoTime();
            var k = key.withText(q);
            float[] v = cache.embed(q);  // the query's vector is not cached: the model runs
            long embedded = System.nanoTime() - t0;
            // Today's fixed policy on the same vector, timed before or after the learned decision in turn:
            // whichever runs second finds the index warm in the CPU caches.
            boolean fixedFirst = (i++ & 1) == 1;
            if (fixedFirst) decideFixed.recordValue(timeFixed(cache, k, v, prior));
            long t1 = System.nanoTime();
            var lookup = cache.decide(k, v, cache.nearest(k, v), prior, learner, calibrations);
            if (lookup instanceof SemanticLookup.Hit hit) cache.served(hit.entry());  // the cap's recency, as the stage does
            long t2 = System.nanoTime();
            if (!fixedFirst) decideFixed.recordValue(timeFixed(cache, k, v, prior));
            long endToEnd = embedded + (t2 - t1);  // what a request pays: embed, search, guards, decision
            h.recordValue(endToEnd);
            decideLearned.recordValue(t2 - t1);
            if (lookup instanceof SemanticLookup.Hit) {
                hits++;
                hitLookup.recordValue(endToEnd);
            }
            if (lookup instanceof SemanticLookup.Vetoed) vetoed++;
            if (lookup instanceof SemanticLookup.Explore) explores++;
        }
        r.put("entries", cache.size());
        r.put("index", cache.indexKind(key.namespace()));
        r.put("lookups", corpus.queries().size());
        r.put("learnedServeAt", learner.calibration().serveAt());
        r.put("hits", hits);
        r.put("explores", explores);
        r.put("vetoed", vetoed);
        r.put("p50Ms", round(h.getValueAtPercentile(50) / 1e6));
        r.put("p95Ms", round(h.getValueAtPercentile(95) / 1e6));
        r.put("p99Ms", round(h.getValueAtPercentile(99) / 1e6));
        r.put("hitP50Ms", round(hitLookup.getValueAtPercentile(50) / 1e6));
        r.put("hitP95Ms", round(hitLookup.getValueAtPercentile(95) / 1e6));
        r.put("searchAndLearnedDecisionP50Ms", round(decideLearned.getValueAtPercentile(50) / 1e6));
        r.put("searchAndLearnedDecisionP95Ms", round(decideLearned.getValueAtPercentile(95) / 1e6));
        r.put("searchAndFixedPolicyP50Ms", round(decideFixed.getValueAtPercentile(50) / 1e6));
        r.put("searchAndFixedPolicyP95Ms", round(decideFixed.getValueAtPercentile(95) / 1e6));
        ctx.progress("end to end at %d entries (%s), learned decision (serve from %.3f): p50 %.2f ms, p95 %.2f ms; hits p95 %.2f ms; "
                        + "%d hits, %d explores, %d vetoed of %d; search + decision with the vector given: learned p50 %.2f / p95 %.2f ms,"
                        + " fixed policy p50 %.2f / p95 %.2f ms",
                cache.size(), cache.indexKind(key.namespace()), learner.calibration().serveAt(), h.getValueAtPercentile(50) / 1e6,
                h.getValueAtPercentile(95) / 1e6, hitLookup.getValueAtPercentile(95) / 1e6, hits, explores, vetoed, corpus.queries().size(),
                decideLearned.getValueAtPercentile(50) / 1e6, decideLearned.getValueAtPercentile(95) / 1e6,
                decideFixed.getValueAtPercentile(50) / 1e6, decideFixed.getValueAtPercentile(95) / 1e6);
        return r;
    }

    private static long timeFixed(SemanticCache cache, SemanticKey k, float[] v, MatchPolicy prior) {
        long t = System.nanoTime();
        cache.decide(k, v, cache.nearest(k, v), prior);
        return System.nanoTime() - t;
    }

    private static double round(double v) { return Math.round(v * 1000) / 1000.0; }
}
