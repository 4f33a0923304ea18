package dev.cachet.engine.cache;

import java.time.Instant;

/**
 * How the shared team cache is doing, for the status bar and {@code cachet stats}.
 *
 * @param address      where it is (never with a password)
 * @param problem      the last failure while unreachable, else null
 * @param since        when the state last changed
 * @param queuedWrites entries waiting to be written to the shared tier
 * @param droppedWrites entries never written because the queue was full while the shared tier was down
 */
public record TeamCacheStatus(State state, String address, String problem, Instant since, int queuedWrites,
                              long droppedWrites) {

    public enum State { CONNECTED, UNREACHABLE }

    public boolean reachable() { return state == State.CONNECTED; }

    /** One line for people: "team cache redis://h:6379/0 connected" or "... unreachable (why): answering from local cache". */
    public String describe() {
        return switch (state) {
            case CONNECTED -> "team cache " + address + " connected";
            case UNREACHABLE -> "team cache " + address + " unreachable (" + problem + "): answering from the local cache";
        };
    }
}
