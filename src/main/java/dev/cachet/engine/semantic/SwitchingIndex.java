package dev.cachet.engine.semantic;

import java.util.List;

/**
 * Exact scan while a namespace is small, a JVector graph once it passes {@code crossover} entries
 * (measured in the semantic bench: below it the scan is faster and exact). Each vector is held once:
 * the switch builds the graph from the scanned vectors and drops the scan's block; a shrink below half
 * the crossover (hysteresis: no flapping at the boundary) builds the block again from the graph.
 */
public final class SwitchingIndex implements VectorIndex {

    private final int dimension;
    private final int crossover;
    private volatile VectorIndex active;

    public SwitchingIndex(int dimension, int crossover) {
        this.dimension = dimension;
        this.crossover = crossover;
        this.active = new ExactIndex(dimension);
    }

    @Override public synchronized void add(int ordinal, float[] vector) {
        VectorIndex current = active;
        current.add(ordinal, vector);
        if (current instanceof ExactIndex exact && exact.size() >= crossover) {
            var graph = new GraphIndex(dimension);
            exact.forEach((v, ord) -> graph.add(ord, v));
            active = graph;
        }
    }

    @Override public synchronized void remove(int ordinal) {
        VectorIndex current = active;
        current.remove(ordinal);
        if (current instanceof GraphIndex graph) {
            graph.compact();
            if (graph.size() < crossover / 2) {
                var exact = new ExactIndex(dimension);
                graph.forEachLive((v, ord) -> exact.add(ord, v));
                active = exact;
            }
        }
    }

    @Override public List<Neighbour> search(float[] query, int k) { return active.search(query, k); }

    @Override public int size() { return active.size(); }

    @Override public String kind() { return active.kind(); }
}
