package dev.cachet.engine.retrieval;

import dev.cachet.engine.exec.VirtualThreads;
import dev.cachet.engine.pipeline.Cancellation;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Runs several queries against one collection at once, each on its own virtual thread, at most
 * {@code concurrency} at a time, each bounded by {@code branchTimeout} from when it starts. A branch that
 * fails or is too slow is reported and left out; the chunks of the others are merged (best score per
 * chunk) and the best {@code topK} kept.
 */
public final class MultiQueryRetrieval {

    /** Retrieves one query (the collection's cached retriever, or a stand-in in the bench). */
    @FunctionalInterface
    public interface BranchRetriever {
        QueryResult retrieve(String query) throws Exception;
    }

    /** Every branch, and the merged chunks. */
    public record Result(List<Branch> branches, List<RetrievedChunk> merged) {
        public long answered() { return branches.stream().filter(b -> b instanceof Branch.Answered).count(); }

        /** True when every answered branch came from the retrieval cache (and at least one answered). */
        public boolean allFromCache() {
            return answered() > 0 && branches.stream().allMatch(b -> !(b instanceof Branch.Answered a) || a.result().cache() != RetrievalCache.Tier.MISS);
        }
    }

    private final int concurrency;
    private final Duration branchTimeout;

    public MultiQueryRetrieval(int concurrency, Duration branchTimeout) {
        if (concurrency < 1) throw new IllegalArgumentException("concurrency must be positive, was " + concurrency);
        this.concurrency = concurrency;
        this.branchTimeout = branchTimeout;
    }

    public Result run(List<String> queries, int topK, BranchRetriever retriever, Cancellation cancel) throws InterruptedException {
        if (queries.size() == 1) return merge(List.of(runOne(queries.getFirst(), retriever, null)), topK);  // no fan-out for one
        var permits = new Semaphore(concurrency);
        try (ExecutorService threads = VirtualThreads.perTask("retrieve-branch")) {
            var futures = new ArrayList<Future<Branch>>();
            for (String q : queries) {
                futures.add(threads.submit(() -> {
                    permits.acquire();
                    try {
                        return runOne(q, retriever, threads);
                    } finally {
                        permits.release();
                    }
                }));
            }
            cancel.onCancel(() -> futures.forEach(f -> f.cancel(true)));
            var branches = new ArrayList<Branch>();
            for (int i = 0; i < futures.size(); i++) {
                try {
                    branches.add(futures.get(i).get());
                } catch (ExecutionException e) {
                    branches.add(new Branch.Failed(queries.get(i), String.valueOf(e.getCause()), Duration.ZERO));
                } catch (java.util.concurrent.CancellationException e) {
                    cancel.throwIfCancelled();
                    branches.add(new Branch.Failed(queries.get(i), "cancelled", Duration.ZERO));
                }
            }
            cancel.throwIfCancelled();
            return merge(branches, topK);
        }
    }

    /** One branch, bounded by the timeout when it runs inside a fan-out ({@code threads} non-null). */
    private Branch runOne(String query, BranchRetriever retriever, ExecutorService threads) throws InterruptedException {
        long t0 = System.nanoTime();
        if (threads == null) {
            try {
                return new Branch.Answered(query, retriever.retrieve(query));
            } catch (InterruptedException e) {
                throw e;
            } catch (Exception e) {
                return new Branch.Failed(query, reason(e), Duration.ofNanos(System.nanoTime() - t0));
            }
        }
        Future<QueryResult> inner = threads.submit(() -> retriever.retrieve(query));
        try {
            return new Branch.Answered(query, inner.get(branchTimeout.toNanos(), TimeUnit.NANOSECONDS));
        } catch (TimeoutException e) {
            inner.cancel(true);
            return new Branch.TimedOut(query, branchTimeout);
        } catch (ExecutionException e) {
            return new Branch.Failed(query, reason(e.getCause()), Duration.ofNanos(System.nanoTime() - t0));
        } catch (InterruptedException e) {
            inner.cancel(true);
            throw e;
        }
    }

    private static String reason(Throwable e) {
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }

    /** Best score per chunk across branches, best first, the first {@code topK}. */
    static Result merge(List<Branch> branches, int topK) {
        Map<Long, RetrievedChunk> best = new LinkedHashMap<>();
        for (Branch b : branches) {
            if (!(b instanceof Branch.Answered a)) continue;
            for (RetrievedChunk c : a.result().chunks()) {
                best.merge(c.chunk().id(), c, (x, y) -> y.score() > x.score() ? y : x);
            }
        }
        var merged = new ArrayList<>(best.values());
        merged.sort(Comparator.comparingDouble(RetrievedChunk::score).reversed());
        return new Result(List.copyOf(branches), List.copyOf(merged.subList(0, Math.min(topK, merged.size()))));
    }
}
