package dev.cachet.engine.retrieval;

import dev.cachet.engine.pipeline.Cancellation;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The fan-out on its own. The branch retrievers here stand in for a remote retriever (the boundary: a
 * search service that errors or hangs); what is under test is the fan-out's handling of them.
 */
class MultiQueryRetrievalTest {

    private static QueryResult found(String query, long... ids) {
        var chunks = new java.util.ArrayList<RetrievedChunk>();
        double score = 0.9;
        for (long id : ids) {
            chunks.add(new RetrievedChunk(new StoredChunk(id, 1, "doc.md", (int) id, "chunk " + id, ""), score, query));
            score -= 0.1;
        }
        return new QueryResult(query, chunks, RetrievalCache.Tier.MISS, "exact", Duration.ofMillis(1));
    }

    @Test
    void failingBranch_isReported_andTheOthersAnswer() throws Exception {
        var fanOut = new MultiQueryRetrieval(6, Duration.ofSeconds(5));
        var result = fanOut.run(List.of("a", "broken", "c"), 3, q -> {
            if (q.equals("broken")) throw new IllegalStateException("search service answered 503");
            return q.equals("a") ? found(q, 1, 2) : found(q, 3);
        }, new Cancellation());

        assertThat(result.branches()).hasSize(3);
        assertThat(result.branches().get(1)).isInstanceOf(Branch.Failed.class);
        assertThat(result.branches().get(1).describe()).contains("broken").contains("503");
        assertThat(result.answered()).isEqualTo(2);
        assertThat(result.merged()).extracting(c -> c.chunk().id()).containsExactly(1L, 3L, 2L);
    }

    @Test
    void slowBranch_timesOut_andTheOthersAnswer() throws Exception {
        var release = new CountDownLatch(1);
        var fanOut = new MultiQueryRetrieval(6, Duration.ofMillis(200));
        var result = fanOut.run(List.of("fast", "hangs"), 2, q -> {
            if (q.equals("hangs")) release.await(30, TimeUnit.SECONDS);
            return found(q, q.equals("fast") ? 7 : 8);
        }, new Cancellation());
        release.countDown();

        assertThat(result.branches().get(1)).isInstanceOf(Branch.TimedOut.class);
        assertThat(result.branches().get(1).describe()).contains("timed out after 200 ms");
        assertThat(result.merged()).extracting(c -> c.chunk().id()).containsExactly(7L);
    }

    @Test
    void branchesRunAtOnce_upToTheConcurrencyLimit() throws Exception {
        var inside = new AtomicInteger();
        var most = new AtomicInteger();
        var allThree = new CountDownLatch(3);
        var fanOut = new MultiQueryRetrieval(3, Duration.ofSeconds(20));
        var result = fanOut.run(List.of("q1", "q2", "q3", "q4", "q5", "q6"), 6, q -> {
            most.accumulateAndGet(inside.incrementAndGet(), Math::max);
            allThree.countDown();
            allThree.await(10, TimeUnit.SECONDS);  // the first three meet: they ran at the same time
            inside.decrementAndGet();
            return found(q, Long.parseLong(q.substring(1)));
        }, new Cancellation());

        assertThat(most.get()).isEqualTo(3);
        assertThat(result.answered()).isEqualTo(6);
    }

    @Test
    void merge_keepsTheBestScoreOfAChunkFoundTwice() {
        var a = new Branch.Answered("a", found("a", 1, 2));
        var b = new Branch.Answered("b", found("b", 2));
        var merged = MultiQueryRetrieval.merge(List.of(a, b), 5).merged();
        assertThat(merged).extracting(c -> c.chunk().id()).containsExactly(1L, 2L);
        assertThat(merged.get(1).score()).isEqualTo(0.9);
        assertThat(merged.get(1).query()).isEqualTo("b");
    }
}
