package dev.cachet.engine.pipeline;

import dev.cachet.engine.chat.ChatCall;
import dev.cachet.engine.chat.ChatError;
import dev.cachet.engine.chat.ChatRequest;
import dev.cachet.engine.chat.ChatResult;
import dev.cachet.engine.chat.TokenListener;
import dev.cachet.engine.trace.Trace;
import dev.cachet.engine.trace.TraceEntry;

import java.time.Duration;
import java.time.InstantSource;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadFactory;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Runs a request through its stages in order until one answers or fails, streams the answer to the
 * caller, lets earlier stages store a model answer, and hands the finished trace to observers.
 */
public final class Pipeline {

    private static final Logger LOG = Logger.getLogger(Pipeline.class.getName());

    private final List<Stage> stages;
    private final List<PipelineObserver> observers;
    private final ThreadFactory requestThreads;
    private final InstantSource clock;
    /** The cancellations of requests running now: {@link #cancelAll} stops them when the engine closes. */
    private final java.util.Set<Cancellation> running = java.util.concurrent.ConcurrentHashMap.newKeySet();

    public Pipeline(List<Stage> stages, List<PipelineObserver> observers, ThreadFactory requestThreads, InstantSource clock) {
        if (stages.isEmpty()) throw new IllegalArgumentException("a pipeline needs at least one stage");
        this.stages = List.copyOf(stages);
        this.observers = List.copyOf(observers);
        this.requestThreads = requestThreads;
        this.clock = clock;
    }

    public List<String> stageNames() { return stages.stream().map(Stage::name).toList(); }

    /** Starts the request on its own virtual thread. */
    public ChatCall submit(ChatRequest request, TokenListener tokens) {
        var cancellation = new Cancellation();
        var future = new CompletableFuture<ChatResult>();
        Thread thread = requestThreads.newThread(() -> {
            try {
                future.complete(execute(request, tokens, cancellation));
            } catch (Throwable t) {
                future.completeExceptionally(t);
            }
        });
        thread.start();
        return new ChatCall() {
            @Override public CompletableFuture<ChatResult> result() { return future; }
            @Override public void cancel() { cancellation.cancel(); }
        };
    }

    /** Runs the request on the calling thread (which should be virtual). */
    public ChatResult execute(ChatRequest request, TokenListener tokens, Cancellation cancellation) {
        return execute(request, tokens, cancellation, answer -> true);
    }

    /**
     * As {@link #execute(ChatRequest, TokenListener, Cancellation)}, storing a model answer in the caches only
     * when {@code keep} accepts it (cache warming keeps only answers that pass their assertions).
     */
    public ChatResult execute(ChatRequest request, TokenListener tokens, Cancellation cancellation,
                              java.util.function.Predicate<ChatResult.Answered> keep) {
        running.add(cancellation);
        try {
            return executeTracked(request, tokens, cancellation, keep);
        } finally {
            running.remove(cancellation);
            synchronized (running) {
                running.notifyAll();
            }
        }
    }

    /**
     * Cancels every request running now (their provider calls are aborted) and waits up to {@code wait} for
     * them to end, so that nothing writes after the engine closes its stores. Returns how many were still running.
     */
    public int cancelAll(Duration wait) {
        for (Cancellation c : List.copyOf(running)) c.cancel();
        long deadline = System.nanoTime() + wait.toNanos();
        synchronized (running) {
            while (!running.isEmpty()) {
                long left = deadline - System.nanoTime();
                if (left <= 0) break;
                try {
                    running.wait(Math.max(1, left / 1_000_000));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    break;
                }
            }
            return running.size();
        }
    }

    private ChatResult executeTracked(ChatRequest request, TokenListener tokens, Cancellation cancellation,
                                      java.util.function.Predicate<ChatResult.Answered> keep) {
        var trace = new Trace(clock.instant());
        long start = System.nanoTime();
        var streaming = new TimedListener(tokens, trace, start);
        var ctx = new RequestContext(request, trace, streaming, cancellation);
        var ran = new int[1];
        ChatResult result = run(ctx, streaming, ran, keep);
        finish(ctx, result, ran[0]);
        trace.total(Duration.ofNanos(System.nanoTime() - start));
        for (var observer : observers) {
            try {
                observer.onFinished(ctx.request(), result);
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "observer failed", e);
            }
        }
        return result;
    }

    /** Runs the stages; {@code ran[0]} counts those whose process() was entered. */
    private ChatResult run(RequestContext ctx, TimedListener streaming, int[] ran, java.util.function.Predicate<ChatResult.Answered> keep) {
        int passed = 0;
        try {
            for (Stage stage : stages) {
                ctx.cancellation().throwIfCancelled();
                ran[0]++;
                long t0 = System.nanoTime();
                StageResult result = stage.process(ctx);
                record(ctx.trace(), stage.name(), result.note(), System.nanoTime() - t0);
                switch (result) {
                    case StageResult.Continue c -> passed++;
                    case StageResult.Answer a -> {
                        if (!a.streamed()) replay(a.text(), streaming, ctx.cancellation());
                        var answered = new ChatResult.Answered(a.text(), a.source(), a.model(), a.usage(), a.finish(), ctx.trace());
                        if (a.source().storable() && a.finish().cacheable(ctx.request().params()) && !ctx.cancellation().isCancelled()
                                && keep.test(answered)) {
                            storeBack(ctx, answered, passed);
                        }
                        return answered;
                    }
                    case StageResult.Fail f -> {
                        return new ChatResult.Failed(f.error(), f.partialText(), ctx.trace());
                    }
                }
            }
            return new ChatResult.Failed(new ChatError(ChatError.Kind.INTERNAL,
                    "no stage answered the request", "the pipeline must end with a generate stage"), "", ctx.trace());
        } catch (Cancellation.CancelledException | InterruptedException e) {
            if (e instanceof InterruptedException) Thread.currentThread().interrupt();
            ctx.trace().add(TraceEntry.of("pipeline", "cancelled", "cancelled by the caller", Duration.ZERO));
            return new ChatResult.Cancelled(streaming.text(), ctx.trace());
        } catch (RuntimeException e) {
            LOG.log(Level.SEVERE, "stage failed", e);
            ctx.trace().add(TraceEntry.of("pipeline", "error", e.toString(), Duration.ZERO));
            return new ChatResult.Failed(new ChatError(ChatError.Kind.INTERNAL, "internal error: " + e,
                    "a bug in Cachet: the stack trace went to stderr (java.util.logging)"), streaming.text(), ctx.trace());
        }
    }

    private void storeBack(RequestContext ctx, ChatResult.Answered answered, int passed) {
        for (int i = passed - 1; i >= 0; i--) {
            Stage stage = stages.get(i);
            try {
                stage.onModelAnswer(ctx, answered);
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "stage " + stage.name() + " failed to store an answer", e);
            }
        }
    }

    private void finish(RequestContext ctx, ChatResult result, int ran) {
        for (int i = ran - 1; i >= 0; i--) {
            Stage stage = stages.get(i);
            try {
                stage.onFinished(ctx, result);
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "stage " + stage.name() + " failed to finish", e);
            }
        }
    }

    private static void record(Trace trace, String stage, StageResult.Note note, long nanos) {
        trace.add(new TraceEntry(stage, note.decision(), note.reason(), Duration.ofNanos(nanos),
                note.tokensIn(), note.tokensOut(), note.costUsd(), note.details()));
    }

    /** A stored answer reaches the caller as a stream too, word by word, without delay. */
    static void replay(String text, TokenListener listener, Cancellation cancellation) {
        int i = 0;
        int n = text.length();
        while (i < n) {
            cancellation.throwIfCancelled();
            int j = i;
            while (j < n && Character.isWhitespace(text.charAt(j))) j++;
            while (j < n && !Character.isWhitespace(text.charAt(j))) j++;
            listener.onToken(text.substring(i, j));
            i = j;
        }
    }

    /**
     * Records time to first token (and to first thinking, for thinking models) and keeps the answer
     * text streamed so far (for Cancelled/Failed results); thinking passes through, never into the text.
     */
    private static final class TimedListener implements TokenListener {
        private final TokenListener delegate;
        private final Trace trace;
        private final long start;
        private final StringBuilder text = new StringBuilder();
        private boolean first = true;

        TimedListener(TokenListener delegate, Trace trace, long start) {
            this.delegate = delegate;
            this.trace = trace;
            this.start = start;
        }

        @Override public synchronized void onToken(String token) {
            if (first) {
                first = false;
                trace.timeToFirstToken(Duration.ofNanos(System.nanoTime() - start));
            }
            text.append(token);
            try {
                delegate.onToken(token);
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "token listener failed", e);
            }
        }

        @Override public void onThinking(String thinking) {
            trace.timeToFirstThinking(Duration.ofNanos(System.nanoTime() - start));
            try {
                delegate.onThinking(thinking);
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "token listener failed", e);
            }
        }

        synchronized String text() { return text.toString(); }
    }
}
