package dev.cachet.ui.shell;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Milestones of start-up, as milliseconds since the process started: what --measure-startup breaks down. */
final class StartupClock {

    private static final Instant PROCESS_START = ProcessHandle.current().info().startInstant().orElse(Instant.now());
    private static final List<String> MARKS = new ArrayList<>();

    private StartupClock() { }

    static synchronized void mark(String what) {
        MARKS.add(what + " " + Duration.between(PROCESS_START, Instant.now()).toMillis());
    }

    static synchronized String report() { return String.join(", ", MARKS); }
}
