package dev.cachet.ui.fx;

import java.util.function.Consumer;

/**
 * Collects text produced on engine threads and hands it to the UI thread in batches: however fast
 * tokens arrive, at most one hand-over is pending at a time, so a fast stream costs a few UI updates
 * per frame instead of one per token.
 */
public final class Coalescer {

    private final UiThread ui;
    private final Consumer<String> sink;
    private final StringBuilder pending = new StringBuilder();
    private boolean scheduled;

    public Coalescer(UiThread ui, Consumer<String> sink) {
        this.ui = ui;
        this.sink = sink;
    }

    public void append(String text) {
        boolean schedule;
        synchronized (this) {
            pending.append(text);
            schedule = !scheduled;
            scheduled = true;
        }
        if (schedule) ui.run(this::flush);
    }

    /** Hands over what is pending now; call on the UI thread. */
    public void flush() {
        String text;
        synchronized (this) {
            text = pending.toString();
            pending.setLength(0);
            scheduled = false;
        }
        if (!text.isEmpty()) sink.accept(text);
    }
}
