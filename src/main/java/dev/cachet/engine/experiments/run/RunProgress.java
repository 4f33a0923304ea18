package dev.cachet.engine.experiments.run;

import java.time.Duration;

/**
 * How far a run has come.
 *
 * @param done        cells finished, from earlier sessions of the run too
 * @param doneHere    cells this session finished (what the rate is measured on)
 * @param perSecond   this session's rate
 * @param eta         time left at that rate, or null before the first cell
 */
public record RunProgress(long runId, int done, int total, int passed, int failed, int notScored, int errors, int doneHere,
                          Duration elapsed, double perSecond, Duration eta) {

    public double fraction() { return total == 0 ? 1 : (double) done / total; }

    /** "120 / 400 cells · 18.2/s · ETA 15 s · 3 errors". */
    public String describe() {
        var sb = new StringBuilder(String.format(java.util.Locale.ROOT, "%d / %d cells · %d passed · %d failed", done, total, passed, failed));
        if (notScored > 0) sb.append(" · ").append(notScored).append(" not scored");
        if (errors > 0) sb.append(" · ").append(errors).append(errors == 1 ? " error" : " errors");
        if (doneHere > 0) sb.append(String.format(java.util.Locale.ROOT, " · %.1f/s", perSecond));
        if (eta != null && done < total) sb.append(" · ETA ").append(human(eta));
        return sb.toString();
    }

    static String human(Duration d) {
        long s = Math.max(0, d.toSeconds());
        if (s < 60) return s + " s";
        if (s < 3600) return (s / 60) + " min " + (s % 60) + " s";
        return (s / 3600) + " h " + (s % 3600 / 60) + " min";
    }
}
