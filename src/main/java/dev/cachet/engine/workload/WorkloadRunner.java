package dev.cachet.engine.workload;

import dev.cachet.engine.chat.ChatRequest;
import dev.cachet.engine.chat.ChatResult;
import dev.cachet.engine.chat.TokenListener;
import dev.cachet.engine.exec.VirtualThreads;
import dev.cachet.engine.metrics.Outcome;
import dev.cachet.engine.pipeline.Cancellation;
import dev.cachet.engine.pipeline.Pipeline;
import org.HdrHistogram.ConcurrentHistogram;

import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;

/**
 * Sends a workload through the pipeline, each request on its own virtual thread, at most
 * {@code concurrency} at a time (a semaphore, not a thread pool).
 */
public final class WorkloadRunner {

    /** How far a run has come; sent to the progress callback about once a {@code progressEvery}. */
    public record Progress(long done, long total, long cacheHits, long errors, Duration elapsed) { }

    /** A request that did not end with an answer. */
    public record Failure(WorkloadItem item, ChatResult result) { }

    private final Pipeline pipeline;
    private final int concurrency;

    public WorkloadRunner(Pipeline pipeline, int concurrency) {
        if (concurrency < 1) throw new IllegalArgumentException("concurrency must be at least 1, was " + concurrency);
        this.pipeline = pipeline;
        this.concurrency = concurrency;
    }

    /**
     * Runs every item, rewritten by {@code adjust} (provider/model overrides), and waits for all.
     *
     * @param failures called once per failed or cancelled request, from the request's thread
     */
    public WorkloadResult run(List<WorkloadItem> items, UnaryOperator<ChatRequest> adjust, Consumer<Progress> progress,
                              Duration progressEvery, Consumer<Failure> failures) throws InterruptedException {
        var outcomes = new EnumMap<Outcome, LongAdder>(Outcome.class);
        for (Outcome o : Outcome.values()) outcomes.put(o, new LongAdder());
        var latencyMicros = new ConcurrentHistogram(3);
        var done = new AtomicLong();
        var permits = new Semaphore(concurrency);
        long start = System.nanoTime();

        Runnable report = () -> {
            long hits = outcomes.get(Outcome.EXACT_HIT).sum() + outcomes.get(Outcome.SEMANTIC_HIT).sum();
            long errors = outcomes.get(Outcome.ERROR).sum() + outcomes.get(Outcome.CANCELLED).sum();
            progress.accept(new Progress(done.get(), items.size(), hits, errors, Duration.ofNanos(System.nanoTime() - start)));
        };
        Thread reporter = Thread.ofVirtual().name("workload-progress").start(() -> {
            try {
                while (true) {
                    Thread.sleep(progressEvery);
                    report.run();
                }
            } catch (InterruptedException e) {
                // run finished
            }
        });
        try (var executor = VirtualThreads.perTask("workload")) {
            for (WorkloadItem item : items) {
                permits.acquire();
                executor.execute(() -> {
                    try {
                        ChatResult result = pipeline.execute(adjust.apply(item.request()), TokenListener.NONE, new Cancellation());
                        Outcome outcome = Outcome.of(result);
                        outcomes.get(outcome).increment();
                        result.trace().total().ifPresent(t -> latencyMicros.recordValue(Math.max(0, t.toNanos() / 1000)));
                        if (outcome == Outcome.ERROR || outcome == Outcome.CANCELLED) failures.accept(new Failure(item, result));
                    } finally {
                        done.incrementAndGet();
                        permits.release();
                    }
                });
            }
        } finally {
            reporter.interrupt();
            reporter.join();
        }
        var counts = new EnumMap<Outcome, Long>(Outcome.class);
        outcomes.forEach((o, a) -> counts.put(o, a.sum()));
        boolean any = latencyMicros.getTotalCount() > 0;
        return new WorkloadResult(counts, any ? latencyMicros.getValueAtPercentile(50) / 1000.0 : 0,
                any ? latencyMicros.getValueAtPercentile(95) / 1000.0 : 0, Duration.ofNanos(System.nanoTime() - start));
    }
}
