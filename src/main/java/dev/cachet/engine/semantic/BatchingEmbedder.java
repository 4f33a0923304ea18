package dev.cachet.engine.semantic;

import dev.cachet.engine.exec.VirtualThreads;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Micro-batching: concurrent {@link #embed} calls are gathered into one model call (up to
 * {@code maxBatch} texts, waiting at most {@code maxWait} for company), and each caller gets its own
 * vector back. A caller that gives up (interrupt, cancellation) only abandons its own future: the
 * batch it joined still runs for the others. At most {@code maxInFlight} batches run at once.
 */
public final class BatchingEmbedder implements Embedder, AutoCloseable {

    private record Pending(String text, CompletableFuture<float[]> result) { }

    private final Embedder delegate;
    private final int maxBatch;
    private final long maxWaitNanos;
    private final Semaphore inFlight;
    private final BlockingQueue<Pending> queue = new LinkedBlockingQueue<>();
    private final ThreadFactory batchThreads = VirtualThreads.factory("embed-batch");
    private final Thread dispatcher;
    private final AtomicLong modelCalls = new AtomicLong();
    private volatile boolean closed;

    public BatchingEmbedder(Embedder delegate, int maxBatch, Duration maxWait, int maxInFlight) {
        if (maxBatch < 1) throw new IllegalArgumentException("maxBatch must be positive, was " + maxBatch);
        if (maxInFlight < 1) throw new IllegalArgumentException("maxInFlight must be positive, was " + maxInFlight);
        this.delegate = delegate;
        this.maxBatch = maxBatch;
        this.maxWaitNanos = maxWait.toNanos();
        this.inFlight = new Semaphore(maxInFlight);
        this.dispatcher = VirtualThreads.factory("embed-dispatch").newThread(this::dispatchLoop);
        dispatcher.start();
    }

    @Override public String modelId() { return delegate.modelId(); }

    /** Model calls made so far (one per batch). */
    public long modelCalls() { return modelCalls.get(); }

    @Override
    public float[] embed(String text) throws EmbeddingException, InterruptedException {
        return await(submit(text));
    }

    /** Queues one text; the future completes when its batch returns. Cancelling it leaves the batch alone. */
    public CompletableFuture<float[]> submit(String text) {
        if (closed) return CompletableFuture.failedFuture(new EmbeddingException("embedder " + modelId() + " is closed"));
        var pending = new Pending(text, new CompletableFuture<>());
        queue.add(pending);
        return pending.result();
    }

    @Override
    public List<float[]> embedAll(List<String> texts) throws EmbeddingException, InterruptedException {
        if (texts.size() >= maxBatch) return delegate.embedAll(texts);  // already a batch
        var futures = texts.stream().map(this::submit).toList();
        var out = new ArrayList<float[]>(texts.size());
        for (var f : futures) out.add(await(f));
        return out;
    }

    private static float[] await(CompletableFuture<float[]> future) throws EmbeddingException, InterruptedException {
        try {
            return future.get();
        } catch (InterruptedException e) {
            future.cancel(false);
            throw e;
        } catch (CancellationException e) {
            throw new InterruptedException("embedding cancelled");
        } catch (ExecutionException e) {
            if (e.getCause() instanceof EmbeddingException ee) throw ee;
            throw new EmbeddingException("embedding failed: " + e.getCause(), e.getCause());
        }
    }

    private void dispatchLoop() {
        try {
            while (!closed) {
                Pending first = queue.take();
                var batch = new ArrayList<Pending>(maxBatch);
                batch.add(first);
                long deadline = System.nanoTime() + maxWaitNanos;
                while (batch.size() < maxBatch) {
                    long left = deadline - System.nanoTime();
                    Pending next = left <= 0 ? queue.poll() : queue.poll(left, TimeUnit.NANOSECONDS);
                    if (next == null) break;
                    batch.add(next);
                }
                batch.removeIf(p -> p.result().isDone());  // callers that gave up before dispatch
                if (batch.isEmpty()) continue;
                inFlight.acquire();
                batchThreads.newThread(() -> run(batch)).start();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void run(List<Pending> batch) {
        try {
            modelCalls.incrementAndGet();
            List<float[]> vectors = delegate.embedAll(batch.stream().map(Pending::text).toList());
            for (int i = 0; i < batch.size(); i++) batch.get(i).result().complete(vectors.get(i));
        } catch (EmbeddingException | RuntimeException e) {
            if (batch.size() == 1) batch.getFirst().result().completeExceptionally(e);
            else isolate(batch);
        } catch (InterruptedException e) {
            for (var p : batch) p.result().completeExceptionally(new EmbeddingException("embedding interrupted", e));
        } finally {
            inFlight.release();
        }
    }

    /**
     * A failed batch is retried text by text: callers that merely shared a batch with a text the server
     * rejects (or that hit a passing error) are not failed with it.
     */
    private void isolate(List<Pending> batch) {
        for (var p : batch) {
            try {
                modelCalls.incrementAndGet();
                p.result().complete(delegate.embedAll(List.of(p.text())).getFirst());
            } catch (EmbeddingException | RuntimeException e) {
                p.result().completeExceptionally(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                p.result().completeExceptionally(new EmbeddingException("embedding interrupted", e));
            }
        }
    }

    @Override
    public void close() {
        closed = true;
        dispatcher.interrupt();
        Pending p;
        while ((p = queue.poll()) != null) p.result().completeExceptionally(new EmbeddingException("embedder " + modelId() + " closed"));
    }
}
