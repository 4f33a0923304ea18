package dev.cachet.engine.semantic;

import io.github.jbellis.jvector.vector.VectorUtil;
import io.github.jbellis.jvector.vector.VectorizationProvider;
import io.github.jbellis.jvector.vector.types.VectorFloat;
import io.github.jbellis.jvector.vector.types.VectorTypeSupport;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.PriorityQueue;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * Exact scan over one contiguous block of vectors with JVector's SIMD dot product: faster than a
 * graph for small namespaces, and the reference an ANN index is measured against.
 */
public final class ExactIndex implements VectorIndex {

    private static final VectorTypeSupport VTS = VectorizationProvider.getInstance().getVectorTypeSupport();

    private final int dimension;
    private final ReadWriteLock lock = new ReentrantReadWriteLock();
    private VectorFloat<?> block;
    private int[] ordinals = new int[64];
    private int rows;
    private final java.util.Map<Integer, Integer> rowOf = new java.util.HashMap<>();

    public ExactIndex(int dimension) {
        this.dimension = dimension;
        this.block = VTS.createFloatVector(64 * dimension);
    }

    @Override public void add(int ordinal, float[] vector) {
        if (vector.length != dimension) {
            throw new IllegalArgumentException("vector has " + vector.length + " dimensions, index has " + dimension);
        }
        lock.writeLock().lock();
        try {
            if (rowOf.containsKey(ordinal)) return;
            if (rows == ordinals.length) grow();
            for (int i = 0; i < dimension; i++) block.set(rows * dimension + i, vector[i]);
            ordinals[rows] = ordinal;
            rowOf.put(ordinal, rows);
            rows++;
        } finally {
            lock.writeLock().unlock();
        }
    }

    @Override public void remove(int ordinal) {
        lock.writeLock().lock();
        try {
            Integer row = rowOf.remove(ordinal);
            if (row == null) return;
            int last = rows - 1;
            if (row != last) {  // move the last row into the hole so the block stays dense
                block.copyFrom(block, last * dimension, row * dimension, dimension);
                ordinals[row] = ordinals[last];
                rowOf.put(ordinals[row], row);
            }
            rows--;
        } finally {
            lock.writeLock().unlock();
        }
    }

    @Override public List<Neighbour> search(float[] query, int k) {
        VectorFloat<?> q = VTS.createFloatVector(query);
        lock.readLock().lock();
        try {
            var best = new PriorityQueue<Neighbour>(k + 1, (a, b) -> Float.compare(a.score(), b.score()));
            for (int r = 0; r < rows; r++) {
                float s = VectorUtil.dotProduct(q, 0, block, r * dimension, dimension);
                if (best.size() < k) best.add(new Neighbour(ordinals[r], s));
                else if (s > best.peek().score()) {
                    best.poll();
                    best.add(new Neighbour(ordinals[r], s));
                }
            }
            var out = new ArrayList<>(best);
            out.sort((a, b) -> Float.compare(b.score(), a.score()));
            return out;
        } finally {
            lock.readLock().unlock();
        }
    }

    @Override public int size() {
        lock.readLock().lock();
        try { return rows; } finally { lock.readLock().unlock(); }
    }

    @Override public String kind() { return "exact"; }

    /** Visits every live entry (a copy of its vector), e.g. to build a graph from it. */
    public void forEach(java.util.function.ObjIntConsumer<float[]> visitor) {
        lock.readLock().lock();
        try {
            for (int r = 0; r < rows; r++) {
                float[] v = new float[dimension];
                for (int i = 0; i < dimension; i++) v[i] = block.get(r * dimension + i);
                visitor.accept(v, ordinals[r]);
            }
        } finally {
            lock.readLock().unlock();
        }
    }

    private void grow() {
        int capacity = ordinals.length * 2;
        VectorFloat<?> bigger = VTS.createFloatVector(capacity * dimension);
        bigger.copyFrom(block, 0, 0, rows * dimension);
        block = bigger;
        ordinals = Arrays.copyOf(ordinals, capacity);
    }
}
