package dev.cachet.faults;

import dev.cachet.engine.chat.ChatError;
import dev.cachet.engine.chat.ChatRequest;
import dev.cachet.engine.chat.ChatResult;
import dev.cachet.engine.chat.TokenListener;
import dev.cachet.engine.exec.VirtualThreads;
import dev.cachet.engine.pipeline.Cancellation;
import dev.cachet.engine.pipeline.Pipeline;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Semaphore;
import java.util.function.IntFunction;

/** Sends requests through a pipeline, {@code concurrency} at a time on virtual threads, and keeps every result. */
final class Traffic {

    /** Results in the order the requests were made, and the wall time. */
    record Sent(List<ChatResult> results, Duration wall) {
        long answered() { return results.stream().filter(r -> r instanceof ChatResult.Answered).count(); }
        long failed() { return results.size() - answered(); }

        long failedWith(ChatError.Kind kind) {
            return results.stream().filter(r -> r instanceof ChatResult.Failed f && f.error().kind() == kind).count();
        }

        long answeredBy(String provider) {
            return results.stream().filter(r -> r instanceof ChatResult.Answered a && a.model().provider().equals(provider)).count();
        }

        /** The {@code pct} percentile of the caller's time to first token, in ms (answered requests). */
        double ttftPercentile(double pct) {
            double[] t = results.stream().filter(r -> r instanceof ChatResult.Answered)
                    .map(r -> r.trace().timeToFirstToken().orElse(Duration.ZERO)).mapToDouble(d -> d.toNanos() / 1e6).sorted().toArray();
            if (t.length == 0) return 0;
            return t[Math.min(t.length - 1, (int) Math.ceil(pct / 100 * t.length) - 1)];
        }

        String firstFailure() {
            return results.stream().filter(r -> r instanceof ChatResult.Failed).map(r -> ((ChatResult.Failed) r).error().oneLine())
                    .findFirst().orElse("none");
        }
    }

    private Traffic() { }

    /** Counts only, for runs too large to keep every result (a trace each): answered, failed, the first failure. */
    record Counted(long answered, long failed, String firstFailure, Duration wall) { }

    static Counted count(Pipeline pipeline, int count, int concurrency, IntFunction<ChatRequest> request) throws InterruptedException {
        var answered = new java.util.concurrent.atomic.AtomicLong();
        var failed = new java.util.concurrent.atomic.AtomicLong();
        var first = new java.util.concurrent.atomic.AtomicReference<String>("none");
        var permits = new Semaphore(concurrency);
        long start = System.nanoTime();
        try (var executor = VirtualThreads.perTask("faults-traffic")) {
            for (int i = 0; i < count; i++) {
                permits.acquire();
                int n = i;
                executor.execute(() -> {
                    try {
                        ChatResult r = pipeline.execute(request.apply(n), TokenListener.NONE, new Cancellation());
                        if (r instanceof ChatResult.Answered) {
                            answered.incrementAndGet();
                        } else {
                            failed.incrementAndGet();
                            first.compareAndSet("none", r instanceof ChatResult.Failed f ? f.error().oneLine() : "cancelled");
                        }
                    } finally {
                        permits.release();
                    }
                });
            }
        }
        return new Counted(answered.get(), failed.get(), first.get(), Duration.ofNanos(System.nanoTime() - start));
    }

    static Sent send(Pipeline pipeline, int count, int concurrency, IntFunction<ChatRequest> request) throws InterruptedException {
        return send(pipeline, count, concurrency, Duration.ZERO, request);
    }

    /** As {@link #send(Pipeline, int, int, IntFunction)}, starting one request every {@code gap} at most. */
    static Sent send(Pipeline pipeline, int count, int concurrency, Duration gap, IntFunction<ChatRequest> request) throws InterruptedException {
        ChatResult[] results = new ChatResult[count];
        var permits = new Semaphore(concurrency);
        long start = System.nanoTime();
        try (var executor = VirtualThreads.perTask("faults-traffic")) {
            for (int i = 0; i < count; i++) {
                if (gap.isPositive()) {
                    long due = start + gap.toNanos() * i - System.nanoTime();
                    if (due > 0) Thread.sleep(Duration.ofNanos(due));
                }
                permits.acquire();
                int n = i;
                executor.execute(() -> {
                    try {
                        results[n] = pipeline.execute(request.apply(n), TokenListener.NONE, new Cancellation());
                    } finally {
                        permits.release();
                    }
                });
            }
        }
        return new Sent(new ArrayList<>(Arrays.asList(results)), Duration.ofNanos(System.nanoTime() - start));
    }
}
