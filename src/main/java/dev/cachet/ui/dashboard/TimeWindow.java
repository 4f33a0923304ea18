package dev.cachet.ui.dashboard;

import java.time.Duration;

/** How far back the dashboard's charts reach. */
public enum TimeWindow {
    MINUTE("1 min", Duration.ofMinutes(1)),
    QUARTER("15 min", Duration.ofMinutes(15)),
    HOUR("1 h", Duration.ofHours(1)),
    SINCE_START("since start", null);

    private final String label;
    private final Duration length;

    TimeWindow(String label, Duration length) {
        this.label = label;
        this.length = length;
    }

    /** Null for "since start": everything the registry and the stored history hold. */
    public Duration length() { return length; }

    @Override public String toString() { return label; }
}
