package dev.cachet.engine.workload;

import dev.cachet.engine.metrics.Outcome;

import java.time.Duration;
import java.util.Map;

/** What a workload run came to: requests by outcome, end-to-end latency percentiles, wall time. */
public record WorkloadResult(Map<Outcome, Long> outcomes, double p50Ms, double p95Ms, Duration wall) {
    public WorkloadResult { outcomes = Map.copyOf(outcomes); }

    public long count(Outcome o) { return outcomes.getOrDefault(o, 0L); }

    public long requests() { return outcomes.values().stream().mapToLong(Long::longValue).sum(); }

    public long cacheHits() { return count(Outcome.EXACT_HIT) + count(Outcome.SEMANTIC_HIT); }

    public long failures() { return count(Outcome.ERROR) + count(Outcome.CANCELLED); }

    public double hitRate() { return requests() == 0 ? 0 : (double) cacheHits() / requests(); }
}
