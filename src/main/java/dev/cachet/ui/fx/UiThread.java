package dev.cachet.ui.fx;

/**
 * Where view-models put state changes that came from engine threads. The window uses
 * {@link FxUiThread}; view-model tests use {@link #direct()} and need no toolkit.
 */
@FunctionalInterface
public interface UiThread {

    void run(Runnable work);

    /** Runs work on the calling thread: for tests and for code already on the UI thread. */
    static UiThread direct() { return Runnable::run; }
}
