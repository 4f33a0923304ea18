package dev.cachet.engine.experiments.run;

import java.util.concurrent.CompletableFuture;

/** A run under way: its id, its progress at any moment, Cancel, and its end (the run as stored then). */
public interface RunHandle {

    long runId();

    RunProgress progress();

    /** Stops starting cells and cancels those in flight (their model calls too); what finished stays stored. */
    void cancel();

    /** Completes when the last cell has finished or the run was cancelled. */
    CompletableFuture<RunRecord> done();
}
