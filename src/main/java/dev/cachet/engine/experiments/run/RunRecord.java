package dev.cachet.engine.experiments.run;

import java.time.Duration;
import java.time.Instant;

/**
 * One run of an experiment as stored.
 *
 * @param done  cells stored so far (errors included)
 * @param note  how it ended, or why it stopped
 */
public record RunRecord(long id, String experimentId, String source, Status status, int totalCells, int done, int passed,
                        int failed, int errors, Instant created, Instant updated, Instant heartbeat, String note) {

    public enum Status { RUNNING, CANCELLED, FINISHED, INTERRUPTED }

    /** A run whose owner stopped beating this long ago was killed: it shows as interrupted and can be resumed. */
    public static final Duration STALE = Duration.ofSeconds(15);

    /** As a person should read it at {@code now}: a running run nobody is running is interrupted. */
    public Status statusAt(Instant now) {
        return status == Status.RUNNING && heartbeat.plus(STALE).isBefore(now) ? Status.INTERRUPTED : status;
    }

    public boolean resumable(Instant now) {
        Status s = statusAt(now);
        return s == Status.CANCELLED || s == Status.INTERRUPTED || s == Status.FINISHED && (done < totalCells || errors > 0);
    }
}
