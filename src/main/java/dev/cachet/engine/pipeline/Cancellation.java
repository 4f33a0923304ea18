package dev.cachet.engine.pipeline;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A cancellation signal shared by a request's stages. Providers register a callback that aborts
 * their HTTP exchange, so Stop cancels the call rather than hiding its output.
 */
public final class Cancellation {

    private final List<Runnable> callbacks = new CopyOnWriteArrayList<>();
    private volatile boolean cancelled;

    public static Cancellation none() { return new Cancellation(); }

    public void cancel() {
        if (cancelled) return;
        cancelled = true;
        for (Runnable r : callbacks) {
            try { r.run(); } catch (RuntimeException ignored) { /* one bad callback must not stop the others */ }
        }
    }

    public boolean isCancelled() { return cancelled; }

    /** Runs {@code callback} on cancel, or at once if already cancelled. */
    public void onCancel(Runnable callback) {
        callbacks.add(callback);
        if (cancelled) callback.run();
    }

    public void throwIfCancelled() {
        if (cancelled) throw new CancelledException();
    }

    /** Thrown by stages that notice cancellation; the pipeline turns it into ChatResult.Cancelled. */
    public static final class CancelledException extends RuntimeException {
        public CancelledException() { super("cancelled", null, false, false); }
    }
}
