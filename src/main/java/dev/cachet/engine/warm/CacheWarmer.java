package dev.cachet.engine.warm;

import dev.cachet.engine.chat.ChatResult;
import dev.cachet.engine.chat.TokenListener;
import dev.cachet.engine.exec.VirtualThreads;
import dev.cachet.engine.pipeline.Cancellation;
import dev.cachet.engine.pipeline.Pipeline;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * Warms the caches: runs prompts through the pipeline (so under the providers' limiters, like any
 * request), and stores a model's answer only when it passes every check of its prompt. A prompt already
 * cached is counted, not asked again. Cancel stops it between and inside requests; what was kept stays.
 */
public final class CacheWarmer {

    /** How far a run has come. */
    public record Progress(long done, long total, long kept, long rejected, long alreadyCached, long failed) { }

    /** What a run came to; {@code rejections} says for the first few which check failed. */
    public record Result(long prompts, long kept, long rejected, long alreadyCached, long failed, boolean cancelled,
                         List<String> rejections, Duration wall) { }

    private static final int REJECTIONS_SHOWN = 20;

    private final Pipeline pipeline;
    private final int concurrency;

    public CacheWarmer(Pipeline pipeline, int concurrency) {
        if (concurrency < 1) throw new IllegalArgumentException("concurrency must be at least 1, was " + concurrency);
        this.pipeline = pipeline;
        this.concurrency = concurrency;
    }

    public Result run(List<WarmItem> items, Cancellation cancellation, Consumer<Progress> progress) throws InterruptedException {
        var done = new AtomicLong();
        var kept = new AtomicLong();
        var rejected = new AtomicLong();
        var cached = new AtomicLong();
        var failed = new AtomicLong();
        var rejections = new java.util.concurrent.ConcurrentLinkedQueue<String>();
        var permits = new Semaphore(concurrency);
        long start = System.nanoTime();
        try (var executor = VirtualThreads.perTask("warm")) {
            for (WarmItem item : items) {
                if (cancellation.isCancelled()) break;
                permits.acquire();
                executor.execute(() -> {
                    try {
                        var verdict = new java.util.concurrent.atomic.AtomicReference<AnswerCheck.Verdict>(AnswerCheck.Verdict.PASS);
                        ChatResult r = pipeline.execute(item.request(), TokenListener.NONE, cancellation, answer -> {
                            AnswerCheck.Verdict v = checkAll(item, answer.text());
                            verdict.set(v);
                            return v.passed();
                        });
                        switch (r) {
                            case ChatResult.Answered a when a.source().fromCache() -> cached.incrementAndGet();
                            case ChatResult.Answered a when !a.finish().cacheable(item.request().params()) -> {
                                rejected.incrementAndGet();
                                if (rejections.size() < REJECTIONS_SHOWN) rejections.add("line " + item.line() + ": answer ended '"
                                        + a.finish().label() + "', which is never cached");
                            }
                            case ChatResult.Answered a when !verdict.get().passed() -> {
                                rejected.incrementAndGet();
                                if (rejections.size() < REJECTIONS_SHOWN) rejections.add("line " + item.line() + ": answer " + verdict.get().reason());
                            }
                            case ChatResult.Answered a -> kept.incrementAndGet();
                            case ChatResult.Failed f -> failed.incrementAndGet();
                            case ChatResult.Cancelled c -> { }
                        }
                    } finally {
                        progress.accept(new Progress(done.incrementAndGet(), items.size(), kept.get(), rejected.get(), cached.get(), failed.get()));
                        permits.release();
                    }
                });
            }
        }
        return new Result(items.size(), kept.get(), rejected.get(), cached.get(), failed.get(), cancellation.isCancelled(),
                List.copyOf(rejections), Duration.ofNanos(System.nanoTime() - start));
    }

    private static AnswerCheck.Verdict checkAll(WarmItem item, String answer) {
        for (AnswerCheck c : item.checks()) {
            AnswerCheck.Verdict v = c.check(answer);
            if (!v.passed()) return v;
        }
        return AnswerCheck.Verdict.PASS;
    }
}
