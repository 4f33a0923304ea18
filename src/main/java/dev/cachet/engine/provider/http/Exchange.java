package dev.cachet.engine.provider.http;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Future;
import java.util.function.LongSupplier;

/**
 * One HTTP exchange with a model server, as the adapter sees it beside langchain4j: the raw status,
 * headers and body of a refusal (langchain4j keeps no headers, and Retry-After lives there), the
 * transport failure, when bytes last arrived, and a way to abort that really closes the connection.
 */
public final class Exchange {

    /** Why an exchange was aborted from outside. */
    public enum Abort { CANCELLED, TIMED_OUT }

    /** A non-2xx answer. */
    public record HttpRefusal(int status, Map<String, List<String>> headers, String body) {
        public String header(String name) {
            for (var e : headers.entrySet()) {
                if (e.getKey() != null && e.getKey().equalsIgnoreCase(name) && !e.getValue().isEmpty()) return e.getValue().getFirst();
            }
            return null;
        }
    }

    private final LongSupplier nanoTime;
    private final long startedNanos;
    private volatile long lastActivityNanos;
    private volatile Abort aborted;
    private volatile HttpRefusal refusal;
    private volatile Throwable transportFailure;
    private volatile boolean cutShort;
    private volatile Throwable lostAfterAnswer;
    private volatile Map<String, List<String>> headers = Map.of();
    private Future<?> pending;
    private InputStream body;

    public Exchange(LongSupplier nanoTime) {
        this.nanoTime = nanoTime;
        this.startedNanos = nanoTime.getAsLong();
        this.lastActivityNanos = startedNanos;
    }

    public long startedNanos() { return startedNanos; }
    public long lastActivityNanos() { return lastActivityNanos; }
    public Abort aborted() { return aborted; }
    public HttpRefusal refusal() { return refusal; }
    public Throwable transportFailure() { return transportFailure; }

    /** The stream ended cleanly but before the protocol said the answer was complete. */
    public boolean cutShort() { return cutShort; }

    /** A transport failure after the answer was already complete (only the usage or end marker was lost), or null. */
    public Throwable lostAfterAnswer() { return lostAfterAnswer; }

    /** Headers of the response (refused or not); empty before they arrived. */
    public Map<String, List<String>> headers() { return headers; }

    public void markActivity() { lastActivityNanos = nanoTime.getAsLong(); }

    void refused(HttpRefusal r) { this.refusal = r; }
    void transportFailed(Throwable t) { if (transportFailure == null) this.transportFailure = t; }
    void cutShort(boolean b) { this.cutShort = b; }
    void lostAfterAnswer(Throwable t) { this.lostAfterAnswer = t; }
    void headers(Map<String, List<String>> h) { this.headers = h; }

    /** Aborts the request in flight (before headers) or closes the body stream (while streaming). */
    public void abort(Abort why) {
        Future<?> f;
        InputStream in;
        synchronized (this) {
            if (aborted != null) return;
            aborted = why;
            f = pending;
            in = body;
        }
        if (f != null) f.cancel(true);
        if (in != null) {
            try { in.close(); } catch (IOException ignored) { /* closing is all we wanted */ }
        }
    }

    /** Registers the request future; cancels it at once if the exchange was already aborted. */
    void pending(Future<?> f) {
        boolean abortNow;
        synchronized (this) {
            pending = f;
            abortNow = aborted != null;
        }
        if (abortNow) f.cancel(true);
    }

    /** Wraps the response body: marks activity on every read and fails reads once aborted. */
    InputStream attach(InputStream raw) throws IOException {
        var wrapped = new FilterInputStream(raw) {
            @Override public int read() throws IOException {
                check();
                int b = super.read();
                markActivity();
                check();
                return b;
            }
            @Override public int read(byte[] buf, int off, int len) throws IOException {
                check();
                int n = super.read(buf, off, len);
                markActivity();
                check();
                return n;
            }
            private void check() throws IOException {
                if (aborted != null) throw new IOException("exchange aborted: " + aborted);
            }
        };
        boolean closeNow;
        synchronized (this) {
            body = raw;
            closeNow = aborted != null;
        }
        if (closeNow) raw.close();
        return wrapped;
    }
}
