package dev.cachet.engine.semantic;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class BatchingEmbedderTest {

    @Test
    void concurrentCallers_shareModelCalls_andEachGetsItsOwnVector() throws Exception {
        var model = new EmbeddingCacheTest.CountingEmbedder("m");
        try (var batcher = new BatchingEmbedder(model, 8, Duration.ofSeconds(5), 1);
             var pool = Executors.newVirtualThreadPerTaskExecutor()) {
            var results = new ArrayList<Future<float[]>>();
            for (int i = 0; i < 32; i++) {
                String text = "x".repeat(i + 1);
                results.add(pool.submit(() -> batcher.embed(text)));
            }
            for (int i = 0; i < 32; i++) {
                assertThat(results.get(i).get()).containsExactly(Embedder.normalize(new float[]{i + 1, 1}));
            }
            // Batches fill to 8 long before the 5 s wait: 32 callers, 4 model calls.
            assertThat(batcher.modelCalls()).isEqualTo(4);
            assertThat(model.calls).allSatisfy(c -> assertThat(c).hasSize(8));
        }
    }

    @Test
    void oneCallerGivingUp_doesNotBreakTheBatch() throws Exception {
        var release = new CountDownLatch(1);
        var model = new EmbeddingCacheTest.CountingEmbedder("m") {
            @Override public synchronized List<float[]> embedAll(List<String> texts) {
                try { release.await(); } catch (InterruptedException e) { Thread.currentThread().interrupt(); }
                return super.embedAll(texts);
            }
        };
        try (var batcher = new BatchingEmbedder(model, 3, Duration.ofSeconds(5), 1)) {
            CompletableFuture<float[]> a = batcher.submit("a");
            CompletableFuture<float[]> bb = batcher.submit("bb");
            CompletableFuture<float[]> ccc = batcher.submit("ccc");
            bb.cancel(true);  // the caller of "bb" goes away while the batch runs
            release.countDown();
            assertThat(a.get()).containsExactly(Embedder.normalize(new float[]{1, 1}));
            assertThat(ccc.get()).containsExactly(Embedder.normalize(new float[]{3, 1}));
            assertThat(bb).isCancelled();
        }
    }

    @Test
    void interruptedCaller_getsInterruptedException_othersStillServed() throws Exception {
        var model = new EmbeddingCacheTest.CountingEmbedder("m");
        try (var batcher = new BatchingEmbedder(model, 2, Duration.ofSeconds(30), 1)) {
            var waiting = new CountDownLatch(1);
            var interrupted = new CompletableFuture<Throwable>();
            Thread t = Thread.ofVirtual().start(() -> {
                try {
                    waiting.countDown();
                    batcher.embed("lonely");  // waits for a partner that never comes within 30 s
                } catch (Throwable e) {
                    interrupted.complete(e);
                }
            });
            waiting.await();
            t.interrupt();
            assertThat(interrupted.get()).isInstanceOf(InterruptedException.class);
            assertThat(batcher.embed("next")).hasSize(2);  // a later caller completes the pending batch
        }
    }

    @Test
    void modelFailure_reachesEveryCallerOfTheBatch() {
        Embedder failing = new Embedder() {
            @Override public String modelId() { return "broken"; }
            @Override public List<float[]> embedAll(List<String> texts) throws EmbeddingException {
                throw new EmbeddingException("embedding model broken failed: out of memory");
            }
        };
        try (var batcher = new BatchingEmbedder(failing, 4, Duration.ofMillis(1), 1)) {
            assertThatThrownBy(() -> batcher.embed("x")).isInstanceOf(EmbeddingException.class).hasMessageContaining("broken");
        }
    }
}
