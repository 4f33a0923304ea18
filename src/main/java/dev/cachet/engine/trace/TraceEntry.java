package dev.cachet.engine.trace;

import java.time.Duration;
import java.util.Map;

/**
 * What one stage did for one request.
 *
 * @param decision short outcome ("hit", "miss", "skipped", "called", "vetoed", ...)
 * @param reason   why, in words a person reads in the trace view
 * @param details  stage-specific facts (key fields, scores, neighbour ids); never secrets
 */
public record TraceEntry(String stage, String decision, String reason, Duration duration,
                         int tokensIn, int tokensOut, double costUsd, Map<String, String> details) {

    public TraceEntry {
        details = details == null ? Map.of() : Map.copyOf(details);
    }

    public static TraceEntry of(String stage, String decision, String reason, Duration duration) {
        return new TraceEntry(stage, decision, reason, duration, 0, 0, 0, Map.of());
    }
}
