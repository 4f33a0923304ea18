package dev.cachet.engine.metrics;

import java.util.Map;

/** Latencies since the registry started: end to end, time to first token, and per pipeline stage. */
public record LatencyReport(LatencySummary endToEnd, LatencySummary timeToFirstToken, Map<String, LatencySummary> stages) {
    public LatencyReport { stages = Map.copyOf(stages); }
}
