package dev.cachet.engine.semantic;

import java.util.List;

/**
 * Exact scan while a namespace is small, a JVector graph once it passes {@code crossover} entries
 * (measured in the semantic bench: below it the scan is faster and exact). The switch builds the
 * graph once from the scanned vectors; the exact block is kept so a later shrink can switch back.
 */
public final class SwitchingIndex implements VectorIndex {

    private final int dimension;
    private final int crossover;
    private final ExactIndex exact;
    private volatile GraphIndex graph;

    public SwitchingIndex(int dimension, int crossover) {
        this.dimension = dimension;
        this.crossover = crossover;
        this.exact = new ExactIndex(dimension);
    }

    @Override public synchronized void add(int ordinal, float[] vector) {
        exact.add(ordinal, vector);
        GraphIndex g = graph;
        if (g != null) g.add(ordinal, vector);
        else if (exact.size() >= crossover) graph = buildGraph();
    }

    @Override public synchronized void remove(int ordinal) {
        exact.remove(ordinal);
        GraphIndex g = graph;
        if (g != null) {
            g.remove(ordinal);
            g.compact();
            if (exact.size() < crossover / 2) graph = null;  // hysteresis: no flapping at the boundary
        }
    }

    @Override public List<Neighbour> search(float[] query, int k) {
        GraphIndex g = graph;
        return g != null ? g.search(query, k) : exact.search(query, k);
    }

    @Override public int size() { return exact.size(); }

    @Override public String kind() { return graph != null ? "graph" : "exact"; }

    private GraphIndex buildGraph() {
        var g = new GraphIndex(dimension);
        exact.forEach((v, ord) -> g.add(ord, v));
        return g;
    }
}
