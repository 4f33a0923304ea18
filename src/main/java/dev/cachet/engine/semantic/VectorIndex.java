package dev.cachet.engine.semantic;

import java.util.List;

/**
 * Nearest-neighbour search over unit vectors by cosine (dot product). Ordinals are chosen by the
 * caller and never reused while present. Implementations are safe for concurrent add, remove and search.
 */
public interface VectorIndex {

    void add(int ordinal, float[] vector);

    /** Removes an entry; later searches never return it. Unknown ordinals are ignored. */
    void remove(int ordinal);

    /** Up to {@code k} live entries, best first. */
    List<Neighbour> search(float[] query, int k);

    /** Live entries. */
    int size();

    /** "exact" or "graph": which search the last call used (shown in traces and the bench). */
    String kind();
}
