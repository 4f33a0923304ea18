package dev.cachet.engine.retrieval.bench;

import dev.cachet.engine.Engine;
import dev.cachet.engine.bench.BenchContext;
import dev.cachet.engine.bench.BenchSuite;
import dev.cachet.engine.chat.CacheMode;
import dev.cachet.engine.pipeline.Cancellation;
import dev.cachet.engine.provider.SimulatorSettings;
import dev.cachet.engine.retrieval.ChunkIndex;
import dev.cachet.engine.retrieval.MultiQueryRetrieval;
import dev.cachet.engine.retrieval.QueryResult;
import dev.cachet.engine.retrieval.Retrieval;
import dev.cachet.engine.semantic.BenchCorpus;
import dev.cachet.engine.semantic.CachedEmbedder;
import dev.cachet.engine.semantic.EmbeddingCache;
import dev.cachet.engine.semantic.OnnxEmbedder;
import dev.cachet.engine.semantic.SqliteSemanticStore;
import dev.cachet.engine.store.Database;
import dev.langchain4j.data.document.Metadata;
import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.segment.TextSegment;
import org.HdrHistogram.Histogram;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code cachet bench --suite retrieval}: ingestion throughput on the generated manuals ({@link DocsCorpus});
 * recall@k on their labelled questions; retrieval latency at 100,000 chunks (real MiniLM vectors of the
 * semantic bench's sentences); retrieval-cache hit latency (memory and database); six queries in
 * parallel vs one after another against a retriever that takes ~50 ms a call.
 */
public final class RetrievalBenchSuite implements BenchSuite {

    private static final SimulatorSettings INSTANT = SimulatorSettings.DEFAULTS.withLatency(Duration.ZERO, 0);

    @Override public String name() { return "retrieval"; }

    @Override
    public Map<String, Object> run(BenchContext ctx) throws Exception {
        var out = new LinkedHashMap<String, Object>();
        int manuals = ctx.scale(500, 60);
        Path docs = ctx.dataDir().resolve("manuals");
        List<DocsCorpus.Labelled> labels = DocsCorpus.write(docs, manuals, 7);
        try (Engine engine = ctx.openEngine("docs", INSTANT)) {
            Retrieval r = engine.retrieval();
            r.create("manuals", List.of(docs));
            out.put("ingest", ingest(ctx, r, docs));
            out.put("recall", recall(ctx, r, labels));
            out.put("cacheHit", cacheHits(ctx, r, labels));
            out.put("parallel", parallel(ctx, r, labels));
        }
        try (Engine engine = ctx.openEngine("docs", INSTANT)) {
            out.put("cacheHitDatabase", databaseHits(ctx, engine.retrieval(), labels));
        }
        out.put("at100k", at100k(ctx));
        return out;
    }

    private Map<String, Object> ingest(BenchContext ctx, Retrieval r, Path docs) throws Exception {
        long bytes;
        try (var files = Files.list(docs)) {
            bytes = files.mapToLong(p -> p.toFile().length()).sum();
        }
        var report = r.ingest("manuals", p -> { }, new Cancellation());
        var again = r.ingest("manuals", p -> { }, new Cancellation());
        var m = new LinkedHashMap<String, Object>();
        m.put("files", report.added());
        m.put("megabytes", round(bytes / 1024.0 / 1024.0));
        m.put("chunks", report.chunksAdded());
        m.put("seconds", round(report.took().toNanos() / 1e9));
        m.put("chunksPerSecond", round(report.chunksPerSecond()));
        m.put("failed", report.failed().size());
        m.put("unchangedReingestMs", again.took().toMillis());
        ctx.progress("ingest: %d files (%.1f MB) -> %,d chunks in %.1f s = %.0f chunks/s (in-process MiniLM, embedding cache cold); re-ingest of unchanged files %d ms",
                report.added(), bytes / 1024.0 / 1024.0, report.chunksAdded(), report.took().toNanos() / 1e9, report.chunksPerSecond(), again.took().toMillis());
        return m;
    }

    /** recall@k: the share of questions whose answering chunk (same file, containing the fact sentence) is in the top k. */
    private Map<String, Object> recall(BenchContext ctx, Retrieval r, List<DocsCorpus.Labelled> labels) {
        int step = Math.max(1, labels.size() / ctx.scale(900, 240));
        int[] ks = {1, 4, 10};
        var hits = new int[2][ks.length];
        var counts = new int[2];
        for (int i = 0; i < labels.size(); i += step) {
            var l = labels.get(i);
            QueryResult found = r.retrieve("manuals", l.question(), 10, CacheMode.BYPASS);
            int rank = -1;
            for (int j = 0; j < found.chunks().size(); j++) {
                var c = found.chunks().get(j).chunk();
                if (c.source().equals(l.file().toAbsolutePath().normalize().toString()) && squash(c.text()).contains(squash(l.answer()))) {
                    rank = j;
                    break;
                }
            }
            int half = l.manual() % 2;  // odd manuals: the held-out half (nothing was tuned on either)
            counts[half]++;
            for (int k = 0; k < ks.length; k++) if (rank >= 0 && rank < ks[k]) hits[half][k]++;
        }
        var m = new LinkedHashMap<String, Object>();
        for (int half : new int[]{1, 0}) {
            var h = new LinkedHashMap<String, Object>();
            h.put("questions", counts[half]);
            for (int k = 0; k < ks.length; k++) h.put("recallAt" + ks[k], round((double) hits[half][k] / Math.max(1, counts[half])));
            m.put(half == 1 ? "heldOut" : "other", h);
            ctx.progress("recall (%s half, %d questions): @1 %.3f, @4 %.3f, @10 %.3f", half == 1 ? "held-out odd" : "even", counts[half],
                    (double) hits[half][0] / Math.max(1, counts[half]), (double) hits[half][1] / Math.max(1, counts[half]),
                    (double) hits[half][2] / Math.max(1, counts[half]));
        }
        return m;
    }

    private static String squash(String s) { return s.replaceAll("\\s+", " ").strip(); }

    /** Retrieval-cache hits from memory: the same questions a second time. */
    private Map<String, Object> cacheHits(BenchContext ctx, Retrieval r, List<DocsCorpus.Labelled> labels) {
        var questions = questions(labels, ctx.scale(500, 100));
        var miss = new Histogram(3);
        for (String q : questions) miss.recordValue(r.retrieve("manuals", q, 4, CacheMode.USE).took().toNanos());
        var hit = new Histogram(3);
        for (int round = 0; round < 5; round++) {
            for (String q : questions) {
                long t0 = System.nanoTime();
                QueryResult res = r.retrieve("manuals", q, 4, CacheMode.USE);
                hit.recordValue(System.nanoTime() - t0);
                if (!res.cache().name().equals("L1")) throw new IllegalStateException("expected a memory hit for " + q + ", got " + res.cache());
            }
        }
        var m = figures(hit);
        m.put("missP50Ms", round(miss.getValueAtPercentile(50) / 1e6));
        m.put("missP95Ms", round(miss.getValueAtPercentile(95) / 1e6));
        ctx.progress("retrieval cache: memory hit p50 %.1f us, p95 %.1f us; the same questions as misses (embed + search + store) p50 %.2f ms, p95 %.2f ms",
                hit.getValueAtPercentile(50) / 1e3, hit.getValueAtPercentile(95) / 1e3, miss.getValueAtPercentile(50) / 1e6, miss.getValueAtPercentile(95) / 1e6);
        return m;
    }

    /** After a restart the memory tier is empty: the first lookups are answered by SQLite. */
    private Map<String, Object> databaseHits(BenchContext ctx, Retrieval r, List<DocsCorpus.Labelled> labels) {
        var questions = questions(labels, ctx.scale(500, 100));
        r.retrieve("manuals", "warm up the connections", 4, CacheMode.BYPASS);
        var h = new Histogram(3);
        for (String q : questions) {
            long t0 = System.nanoTime();
            QueryResult res = r.retrieve("manuals", q, 4, CacheMode.USE);
            h.recordValue(System.nanoTime() - t0);
            if (!res.cache().name().equals("L2")) throw new IllegalStateException("expected a database hit for " + q + ", got " + res.cache());
        }
        ctx.progress("retrieval cache after a restart: database hit p50 %.1f us, p95 %.1f us", h.getValueAtPercentile(50) / 1e3, h.getValueAtPercentile(95) / 1e3);
        return figures(h);
    }

    private static List<String> questions(List<DocsCorpus.Labelled> labels, int n) {
        var out = new ArrayList<String>();
        int step = Math.max(1, labels.size() / n);
        for (int i = 0; i < labels.size() && out.size() < n; i += step) out.add(labels.get(i).question());
        return out;
    }

    /** Six queries through the fan-out, 6 at a time vs 1 at a time, against a retriever that takes ~50 ms a call. */
    private Map<String, Object> parallel(BenchContext ctx, Retrieval r, List<DocsCorpus.Labelled> labels) throws Exception {
        MultiQueryRetrieval.BranchRetriever remote = q -> {
            Thread.sleep(50);  // a remote vector store's round trip, as in the seed's measurement
            return r.retrieve("manuals", q, 4, CacheMode.BYPASS);
        };
        var parallel = new MultiQueryRetrieval(6, Duration.ofSeconds(10));
        var sequential = new MultiQueryRetrieval(1, Duration.ofSeconds(10));
        int rounds = ctx.scale(15, 5);
        var p = new long[rounds];
        var s = new long[rounds];
        for (int round = 0; round < rounds; round++) {
            var six = labels.subList(round * 6, round * 6 + 6).stream().map(DocsCorpus.Labelled::question).toList();
            long t0 = System.nanoTime();
            if (round % 2 == 0) {
                parallel.run(six, 4, remote, new Cancellation());
                long t1 = System.nanoTime();
                sequential.run(six, 4, remote, new Cancellation());
                p[round] = t1 - t0;
                s[round] = System.nanoTime() - t1;
            } else {
                sequential.run(six, 4, remote, new Cancellation());
                long t1 = System.nanoTime();
                parallel.run(six, 4, remote, new Cancellation());
                s[round] = t1 - t0;
                p[round] = System.nanoTime() - t1;
            }
        }
        Arrays.sort(p);
        Arrays.sort(s);
        double pm = p[rounds / 2] / 1e6, sm = s[rounds / 2] / 1e6;
        var m = new LinkedHashMap<String, Object>();
        m.put("queries", 6);
        m.put("perCallMs", 50);
        m.put("parallelMedianMs", round(pm));
        m.put("sequentialMedianMs", round(sm));
        m.put("speedup", round(sm / pm));
        m.put("rounds", rounds);
        ctx.progress("6 queries, retriever ~50 ms a call: parallel median %.0f ms, sequential median %.0f ms, %.1fx (%d rounds, interleaved)", pm, sm, sm / pm, rounds);
        return m;
    }

    /** 100,000 chunks of real MiniLM vectors (the semantic bench's sentences): retrieval latency end to end and in the index. */
    private Map<String, Object> at100k(BenchContext ctx) throws Exception {
        var m = new LinkedHashMap<String, Object>();
        Path data = Path.of(System.getProperty("cachet.bench.data", "../shared/data"));
        if (!Files.exists(data.resolve("qqp-pairs-dev.jsonl"))) {
            m.put("skipped", "no evaluation data at " + data.toAbsolutePath() + " (set -Dcachet.bench.data=DIR)");
            ctx.progress("100k: skipped, no evaluation data at %s", data.toAbsolutePath());
            return m;
        }
        int size = ctx.scale(100_000, 5_000);
        var corpus = BenchCorpus.load(data, size, ctx.scale(1000, 200));
        var model = OnnxEmbedder.miniLm();
        float[][] vectors;
        Path cacheDir = Path.of(System.getProperty("cachet.bench.cache", "target/bench-cache"));
        try (var db = Database.open(cacheDir, InstantSource.system())) {
            var cached = new CachedEmbedder(model, new EmbeddingCache(new SqliteSemanticStore(db), 10));
            vectors = new float[size][];
            for (int i = 0; i < size; i += 512) {
                var part = cached.embedAll(corpus.stored().subList(i, Math.min(size, i + 512)));
                for (int j = 0; j < part.size(); j++) vectors[i + j] = part.get(j);
                if ((i / 512) % 40 == 0) ctx.progress("100k: vectors %,d/%,d", Math.min(size, i + 512), size);
            }
        }
        try (Engine engine = ctx.openEngine("big", INSTANT)) {
            Retrieval r = engine.retrieval();
            r.create("big", List.of(ctx.dataDir()));
            ChunkIndex index = r.index("big");
            long t0 = System.nanoTime();
            for (int i = 0; i < size; i += 5_000) {
                var embeddings = new ArrayList<Embedding>();
                var segments = new ArrayList<TextSegment>();
                for (int j = i; j < Math.min(size, i + 5_000); j++) {
                    embeddings.add(Embedding.from(vectors[j]));
                    segments.add(TextSegment.from(corpus.stored().get(j), Metadata.from(ChunkIndex.SOURCE, "sentences-" + (j / 1000) + ".txt")));
                }
                index.addAll(embeddings, segments);  // langchain4j's EmbeddingStore API
            }
            int n = index.size();  // loads the index (graph build past the crossover)
            double loadS = (System.nanoTime() - t0) / 1e9;
            ctx.progress("100k: %,d chunks stored and indexed (%s) in %.0f s", n, index.kind(), loadS);
            var endToEnd = new Histogram(3);
            var queries = corpus.queries();
            for (int i = 0; i < Math.min(50, queries.size()); i++) r.retrieve("big", "warm " + queries.get(i), 4, CacheMode.BYPASS);
            for (String q : queries) endToEnd.recordValue(r.retrieve("big", q, 4, CacheMode.BYPASS).took().toNanos());
            var hit = new Histogram(3);
            for (String q : queries) r.retrieve("big", q, 4, CacheMode.USE);
            for (String q : queries) {
                long t1 = System.nanoTime();
                r.retrieve("big", q, 4, CacheMode.USE);
                hit.recordValue(System.nanoTime() - t1);
            }
            m.put("chunks", n);
            m.put("index", index.kind());
            m.put("queries", queries.size());
            m.put("retrieveP50Ms", round(endToEnd.getValueAtPercentile(50) / 1e6));
            m.put("retrieveP95Ms", round(endToEnd.getValueAtPercentile(95) / 1e6));
            m.put("cacheHitP50Us", round(hit.getValueAtPercentile(50) / 1e3));
            m.put("cacheHitP95Us", round(hit.getValueAtPercentile(95) / 1e3));
            ctx.progress("100k chunks (%s): retrieve (embed the question + search + read 4 chunks) p50 %.2f ms, p95 %.2f ms; cache hit p50 %.1f us, p95 %.1f us",
                    index.kind(), endToEnd.getValueAtPercentile(50) / 1e6, endToEnd.getValueAtPercentile(95) / 1e6,
                    hit.getValueAtPercentile(50) / 1e3, hit.getValueAtPercentile(95) / 1e3);
        }
        return m;
    }

    private static LinkedHashMap<String, Object> figures(Histogram h) {
        var m = new LinkedHashMap<String, Object>();
        m.put("p50Us", round(h.getValueAtPercentile(50) / 1e3));
        m.put("p95Us", round(h.getValueAtPercentile(95) / 1e3));
        m.put("p99Us", round(h.getValueAtPercentile(99) / 1e3));
        m.put("samples", h.getTotalCount());
        return m;
    }

    private static double round(double v) { return Math.round(v * 100) / 100.0; }
}
