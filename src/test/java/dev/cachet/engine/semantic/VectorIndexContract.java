package dev.cachet.engine.semantic;

import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;

/** What every {@link VectorIndex} promises. Vectors are clustered (like sentence embeddings), not uniform noise. */
abstract class VectorIndexContract {

    static final int DIM = 64;

    abstract VectorIndex create();

    /** Points scattered around a few centres, unit length. */
    static float[][] clustered(int n, long seed) {
        var rnd = new SplittableRandom(seed);
        float[][] centres = new float[8][DIM];
        for (float[] c : centres) for (int i = 0; i < DIM; i++) c[i] = (float) rnd.nextGaussian();
        float[][] out = new float[n][DIM];
        for (int j = 0; j < n; j++) {
            float[] c = centres[j % centres.length];
            for (int i = 0; i < DIM; i++) out[j][i] = c[i] + 0.4f * (float) rnd.nextGaussian();
            Embedder.normalize(out[j]);
        }
        return out;
    }

    @Test
    void search_findsTheVectorItself() {
        var index = create();
        float[][] v = clustered(300, 1);
        for (int i = 0; i < v.length; i++) index.add(i, v[i]);
        assertThat(index.size()).isEqualTo(300);
        for (int i = 0; i < v.length; i += 7) {
            var best = index.search(v[i], 3);
            assertThat(best.getFirst().ordinal()).isEqualTo(i);
            assertThat(best.getFirst().score()).isCloseTo(1f, org.assertj.core.data.Offset.offset(1e-4f));
            assertThat(best).isSortedAccordingTo((a, b) -> Float.compare(b.score(), a.score()));
        }
    }

    @Test
    void remove_isNeverReturnedAgain() {
        var index = create();
        float[][] v = clustered(200, 2);
        for (int i = 0; i < v.length; i++) index.add(i, v[i]);
        for (int i = 0; i < 200; i += 2) index.remove(i);
        assertThat(index.size()).isEqualTo(100);
        for (int i = 0; i < 200; i += 2) {
            assertThat(index.search(v[i], 5)).extracting(Neighbour::ordinal).noneMatch(o -> o % 2 == 0);
        }
    }

    @Test
    void empty_findsNothing() {
        var index = create();
        assertThat(index.search(clustered(1, 3)[0], 5)).isEmpty();
        index.add(1, clustered(1, 3)[0]);
        index.remove(1);
        assertThat(index.search(clustered(1, 3)[0], 5)).isEmpty();
    }

    @Test
    void remove_unknownOrdinal_isIgnored() {
        var index = create();
        index.add(1, clustered(1, 4)[0]);
        index.remove(42);
        assertThat(index.size()).isEqualTo(1);
    }
}

class ExactIndexTest extends VectorIndexContract {
    @Override VectorIndex create() { return new ExactIndex(DIM); }

    @Test
    void add_wrongDimension_namesBoth() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new ExactIndex(DIM).add(0, new float[3]))
                .hasMessageContaining("3 dimensions").hasMessageContaining(String.valueOf(DIM));
    }
}

class GraphIndexTest extends VectorIndexContract {
    @Override VectorIndex create() { return new GraphIndex(DIM); }

    /**
     * JVector's builder keeps a searcher and two scratch arrays per thread that ever inserted, keyed by
     * thread id and never dropped. Requests run on virtual threads, one each: a replay of 100,000 distinct
     * prompts left ~100,000 such sets, each sized to the graph, and ran out of heap. Inserts must run on a
     * bounded set of threads. (Reads JVector's private state: if JVector renames it, this test says so.)
     */
    @Test
    void insertsFromManyVirtualThreads_leaveABoundedNumberOfPerThreadStates() throws Exception {
        var graph = new GraphIndex(DIM);
        float[][] v = clustered(400, 11);
        for (int i = 0; i < v.length; i++) {
            int ordinal = i;
            Thread.ofVirtual().start(() -> graph.add(ordinal, v[ordinal])).join();
        }
        assertThat(graph.size()).isEqualTo(400);
        assertThat(graph.search(v[123], 1).getFirst().ordinal()).isEqualTo(123);
        assertThat(perThreadStates(graph)).isBetween(1, Runtime.getRuntime().availableProcessors());
    }

    private static int perThreadStates(GraphIndex graph) throws ReflectiveOperationException {
        Object builder = field(graph, "builder");
        Object searchers = field(builder, "searchers");
        return ((java.util.Map<?, ?>) field(searchers, "map")).size();
    }

    private static Object field(Object owner, String name) throws ReflectiveOperationException {
        for (Class<?> c = owner.getClass(); c != null; c = c.getSuperclass()) {
            try {
                var f = c.getDeclaredField(name);
                f.setAccessible(true);
                return f.get(owner);
            } catch (NoSuchFieldException e) {
                // look in the superclass
            }
        }
        throw new NoSuchFieldException(owner.getClass().getName() + "." + name);
    }

    @Test
    void recallAtOne_matchesExactScanOnClusteredData() {
        var graph = new GraphIndex(DIM);
        var exact = new ExactIndex(DIM);
        float[][] v = clustered(3000, 5);
        for (int i = 0; i < v.length; i++) {
            graph.add(i, v[i]);
            exact.add(i, v[i]);
        }
        var rnd = new java.util.SplittableRandom(6);
        int agree = 0;
        for (int j = 0; j < 200; j++) {
            float[] q = v[rnd.nextInt(v.length)].clone();  // a paraphrase: near a stored vector, not on it
            for (int i = 0; i < DIM; i++) q[i] += 0.05f * (float) rnd.nextGaussian();
            Embedder.normalize(q);
            if (graph.search(q, 1).getFirst().ordinal() == exact.search(q, 1).getFirst().ordinal()) agree++;
        }
        assertThat(agree).isGreaterThanOrEqualTo(190);
    }
}

class SwitchingIndexTest extends VectorIndexContract {
    @Override VectorIndex create() { return new SwitchingIndex(DIM, 50); }

    @Test
    void switchesToTheGraphAtTheCrossover_andBackWhenItShrinks() {
        var index = new SwitchingIndex(DIM, 50);
        float[][] v = clustered(60, 7);
        for (int i = 0; i < 49; i++) index.add(i, v[i]);
        assertThat(index.kind()).isEqualTo("exact");
        index.add(49, v[49]);
        assertThat(index.kind()).isEqualTo("graph");
        assertThat(index.search(v[10], 1).getFirst().ordinal()).isEqualTo(10);
        for (int i = 0; i < 30; i++) index.remove(i);
        assertThat(index.kind()).isEqualTo("exact");
        assertThat(index.search(v[40], 1).getFirst().ordinal()).isEqualTo(40);
    }
}
