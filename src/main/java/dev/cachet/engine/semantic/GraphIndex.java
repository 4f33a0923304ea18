package dev.cachet.engine.semantic;

import io.github.jbellis.jvector.graph.GraphIndexBuilder;
import io.github.jbellis.jvector.graph.GraphSearcher;
import io.github.jbellis.jvector.graph.MapRandomAccessVectorValues;
import io.github.jbellis.jvector.graph.similarity.BuildScoreProvider;
import io.github.jbellis.jvector.graph.similarity.DefaultSearchScoreProvider;
import io.github.jbellis.jvector.util.Bits;
import io.github.jbellis.jvector.vector.VectorSimilarityFunction;
import io.github.jbellis.jvector.vector.VectorizationProvider;
import io.github.jbellis.jvector.vector.types.VectorFloat;
import io.github.jbellis.jvector.vector.types.VectorTypeSupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Approximate nearest neighbours with a JVector graph (HNSW-style, built incrementally). Scores
 * returned are exact cosines: candidates are re-scored against the full vectors.
 */
public final class GraphIndex implements VectorIndex {

    private static final VectorTypeSupport VTS = VectorizationProvider.getInstance().getVectorTypeSupport();

    /**
     * The threads every graph insert runs on. JVector's builder keeps a searcher and scratch arrays per
     * inserting thread, keyed by thread id and never dropped; requests run on virtual threads, one each, so
     * inserting on the caller's thread kept one such set (sized to the graph) per request ever cached: a
     * 100,000-prompt replay ran out of heap. A fixed pool of daemon platform threads bounds them to its size.
     */
    private static final ExecutorService INSERTS = Executors.newFixedThreadPool(
            Math.max(1, Runtime.getRuntime().availableProcessors()),
            Thread.ofPlatform().daemon().name("semantic-index-insert-", 0).factory());

    private final Map<Integer, VectorFloat<?>> vectors = new ConcurrentHashMap<>();
    private final Set<Integer> deleted = ConcurrentHashMap.newKeySet();
    private final MapRandomAccessVectorValues values;
    private final GraphIndexBuilder builder;
    private final ConcurrentLinkedQueue<GraphSearcher> searchers = new ConcurrentLinkedQueue<>();
    private final int overquery;
    private final int beam;

    /**
     * @param maxDegree graph degree (16 is plenty for 384-dimensional sentence vectors)
     * @param beamWidth construction beam
     * @param overquery candidates fetched per wanted result, then re-ranked exactly
     * @param beam      least search beam (50 gave recall@1 1.00 on 100k MiniLM vectors; see the semantic bench)
     */
    public GraphIndex(int dimension, int maxDegree, int beamWidth, int overquery, int beam) {
        this.values = new MapRandomAccessVectorValues(vectors, dimension);
        var scores = BuildScoreProvider.randomAccessScoreProvider(values, VectorSimilarityFunction.DOT_PRODUCT);
        this.builder = new GraphIndexBuilder(scores, dimension, maxDegree, beamWidth, 1.2f, 1.2f, true);
        this.overquery = overquery;
        this.beam = beam;
    }

    public GraphIndex(int dimension) { this(dimension, 16, 100, 4, 50); }

    @Override public void add(int ordinal, float[] vector) {
        if (vectors.containsKey(ordinal)) return;
        VectorFloat<?> v = VTS.createFloatVector(vector.clone());
        vectors.put(ordinal, v);
        try {
            INSERTS.submit(() -> builder.addGraphNode(ordinal, v)).get(); // the caller waits: the node is searchable on return
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while adding to the semantic index", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) throw r;
            throw new IllegalStateException(e.getCause());
        }
    }

    @Override public void remove(int ordinal) {
        if (!vectors.containsKey(ordinal) || !deleted.add(ordinal)) return;
        builder.markNodeDeleted(ordinal);
    }

    @Override public List<Neighbour> search(float[] query, int k) {
        if (vectors.size() == deleted.size()) return List.of();
        VectorFloat<?> q = VTS.createFloatVector(query);
        GraphSearcher searcher = searchers.poll();
        if (searcher == null) searcher = new GraphSearcher(builder.getGraph());
        try {
            var provider = DefaultSearchScoreProvider.exact(q, VectorSimilarityFunction.DOT_PRODUCT, values);
            Bits live = ord -> !deleted.contains(ord);
            var result = searcher.search(provider, k, Math.max(k * overquery, beam), 0f, 0f, live);
            var out = new ArrayList<Neighbour>(k);
            for (var node : result.getNodes()) {
                // JVector scores dot products as (1 + dot) / 2; give callers the cosine back.
                out.add(new Neighbour(node.node, 2 * node.score - 1));
                if (out.size() == k) break;
            }
            return out;
        } finally {
            searchers.offer(searcher);
        }
    }

    @Override public int size() { return vectors.size() - deleted.size(); }

    @Override public String kind() { return "graph"; }

    /** Visits every live entry with its ordinal (the vector is a copy), e.g. to move them to an exact scan. */
    public void forEachLive(java.util.function.ObjIntConsumer<float[]> visitor) {
        vectors.forEach((ord, v) -> {
            if (deleted.contains(ord)) return;
            float[] copy = new float[v.length()];
            for (int i = 0; i < copy.length; i++) copy[i] = v.get(i);
            visitor.accept(copy, ord);
        });
    }

    /** Drops deleted nodes from the graph once they are a noticeable share of it. */
    public void compact() {
        if (deleted.size() * 10 < vectors.size()) return;
        builder.removeDeletedNodes();
        for (Integer ord : deleted) vectors.remove(ord);
        deleted.clear();
        searchers.clear();
    }

    void close() {
        try { builder.close(); } catch (IOException e) { throw new UncheckedIOException(e); }
    }
}
