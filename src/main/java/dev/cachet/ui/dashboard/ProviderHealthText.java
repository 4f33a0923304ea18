package dev.cachet.ui.dashboard;

import dev.cachet.engine.exec.CircuitBreaker;
import dev.cachet.engine.exec.HealthMonitor;
import dev.cachet.engine.exec.ProviderHealth;

import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.stream.Collectors;

/** The provider-health panel's cells in words: limits as they adapted, probe availability, breaker changes. */
final class ProviderHealthText {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss").withZone(ZoneId.systemDefault());

    private ProviderHealthText() { }

    static String limits(ProviderHealth h) {
        var parts = new java.util.ArrayList<String>();
        if (h.currentRate() > 0) parts.add(String.format(Locale.ROOT, "%.1f/s", h.currentRate()));
        parts.add(h.inFlight() + "/" + h.concurrencyLimit() + " in flight");
        if (h.queued() > 0) parts.add(h.queued() + " queued");
        if (h.pausedFor().isPositive()) parts.add("paused " + h.pausedFor().toMillis() + " ms (server asked)");
        return String.join(" · ", parts);
    }

    /** Median latency, calls that answered and failed, then the limits as they adapted. */
    static String calls(ProviderHealth h) {
        String median = h.medianLatency() == null ? "" : h.medianLatency().toMillis() + " ms · ";
        return median + h.successes() + " ok / " + h.failures() + " failed · " + limits(h);
    }

    /** The panel's cell: the breaker and the probes on one line, the calls and limits on the next. */
    static String summary(ProviderHealth h) {
        return breakerHistory(h) + " · probes " + probes(h) + "\n" + calls(h);
    }

    /** Everything, one fact a line: the row's tooltip. */
    static String full(ProviderHealth h) {
        return h.provider() + "\nbreaker: " + state(h.breaker()) + " (" + breakerHistory(h) + ")\nprobes in the last hour: " + probes(h)
                + "\ncalls: " + calls(h) + (h.lastError() == null ? "" : "\nlast error: " + h.lastError());
    }

    static String probes(ProviderHealth h) {
        HealthMonitor.Summary s = h.probes();
        if (s == null || s.probes() == 0) return "–";
        String share = String.format(Locale.ROOT, "%.0f%% of %d", s.availability() * 100, s.probes());
        if (s.lastDetail() != null) return share + " · last failed: " + s.lastDetail();
        return share + (s.lastLatency() == null ? "" : " · " + s.lastLatency().toMillis() + " ms");
    }

    static String breakerHistory(ProviderHealth h) {
        if (h.breakerHistory().isEmpty()) return state(h.breaker()) + " throughout";
        return h.breakerHistory().stream().map(t -> state(t.to()) + " " + TIME.format(t.at())).collect(Collectors.joining(" → "));
    }

    private static String state(CircuitBreaker.State s) {
        return switch (s) {
            case CLOSED -> "closed";
            case OPEN -> "open";
            case HALF_OPEN -> "probing";
        };
    }
}
